"""Commands in Spanish, German, French, Portuguese and Russian: each language's corpus, the
detection of the language, and the task kept as typed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from core.language import parse
from core.language.commands import ListItems, Remind
from core.language.contract import answer
from core.language.detect import detect
from core.language.parser import parse_message
from core.language.tokens import read

CORPUS = Path(__file__).parent / "corpus"
LANGUAGES = ("es", "de", "fr", "pt", "ru")
NOW = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo("Europe/Berlin"))


def _cases(code: str) -> list[dict[str, Any]]:
    lines = (CORPUS / f"{code}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def _minute(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC).replace(second=0)


def _judge(expect: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """The rules of ../shared/tools/score_parse.py, so the corpora also run in a fresh clone."""
    if bool(got.get("ok")) != bool(expect.get("ok", True)):
        return [f"ok={got.get('ok')}: {got.get('error', '')}"]
    if not expect.get("ok", True):
        return []
    problems = []
    schedule = got.get("schedule") or {}
    if "schedule_kind" in expect and schedule.get("kind") != expect["schedule_kind"]:
        problems.append(f"kind={schedule.get('kind')}")
    if "first" in expect and [_minute(x) for x in schedule.get("first", [])] != [
            _minute(x) for x in expect["first"]]:
        problems.append(f"first={schedule.get('first')}")
    for field, value in expect.items():
        if field in ("ok", "schedule_kind", "first"):
            continue
        if str(got.get(field, "")).strip().lower() != str(value).strip().lower():
            problems.append(f"{field}={got.get(field)!r} (want {value!r})")
    return problems


def _params() -> list[Any]:
    return [pytest.param(case, id=case["id"]) for code in LANGUAGES for case in _cases(code)]


@pytest.mark.parametrize("case", _params())
def test_each_languages_corpus_case_passes(case: dict[str, Any]) -> None:
    now = datetime.fromisoformat(case["now"]).replace(tzinfo=ZoneInfo(case["tz"]))

    assert _judge(case["expect"], answer(case["text"], now, case["tz"])) == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_sixty_hand_written_cases_covering_the_intents(code: str) -> None:
    cases = _cases(code)
    intents = {case["expect"].get("intent") for case in cases}
    refusals = [case for case in cases if case["expect"].get("ok") is False]

    assert len(cases) >= 60
    assert len({case["id"] for case in cases}) == len(cases)
    assert {"remind", "list", "cancel", "snooze", "done", "help", "timezone"} <= intents
    assert len(refusals) >= 3


@pytest.mark.parametrize(("text", "code"), [
    ("recuérdame mañana a las 9 llamar a mamá", "es"),
    ("erinnere mich jeden Montag um 8 an den Bericht", "de"),
    ("rappelle-moi dans 20 minutes de sortir le linge", "fr"),
    ("me lembre toda sexta às 17h de pagar o aluguel", "pt"),
    ("напомни мне завтра в 10 позвонить маме", "ru"),
    ("remind me to call mom tomorrow", "en"),
    ("ayuda", "es"), ("hilfe", "de"), ("aide", "fr"), ("ajuda", "pt"), ("помощь", "ru"),
    ("help", "en"), ("mis recordatorios", "es"), ("meus lembretes", "pt"),
    # mixed: the command words decide, not the task's
    ("remind me to позвонить маме in 2 hours", "en"),
    ("remind me tomorrow to llamar a mamá", "en"),
    ("recuérdame mañana a las 9 to call mom", "es"),
    ("hmm", "en"), ("12345", "en"),
])
def test_the_language_is_told_by_its_command_words(text: str, code: str) -> None:
    assert detect(read(text)) == code


def test_a_tie_goes_to_the_persons_language_then_to_english() -> None:
    # `lista`, `cancela 3`: Spanish and Portuguese alike
    assert parse_message("cancela 3", NOW, "Europe/Berlin").language == "es"
    assert parse_message("cancela 3", NOW, "Europe/Berlin", language="pt").language == "pt"
    assert parse_message("liste", NOW, "Europe/Berlin", language="fr").language == "fr"
    assert parse("lista", NOW, "Europe/Berlin", language="pt") == ListItems("all")


def test_a_hint_does_not_override_a_clear_language() -> None:
    parsed = parse_message("remind me to call mom in 2 hours", NOW, "Europe/Berlin", "de")

    assert parsed.language == "en"
    assert isinstance(parsed.command, Remind)


def test_the_contract_names_the_language_of_answers_and_refusals() -> None:
    assert answer("rappelle-moi d'appeler maman", NOW, "Europe/Paris")["lang"] == "fr"
    assert answer("напомни мне завтра в 10 позвонить маме", NOW, "Europe/Moscow")["lang"] == "ru"


@pytest.mark.parametrize(("text", "what"), [
    ("recuérdame mañana a las 9 comprar “turrón” 🎄 — ¡ya!", "comprar “turrón” 🎄 — ¡ya!"),
    ("erinnere mich morgen um 9 an „Kuchen“ für Jörg 🎂", "„Kuchen“ für Jörg 🎂"),
    ("rappelle-moi demain à 9h d’appeler Zoé « vite »", "appeler Zoé « vite »"),
    ("me lembre amanhã às 9 de ligar pro João ☎️", "ligar pro João ☎️"),
    ("напомни мне завтра в 9 купить «Наполеон» для Ёлки", "купить «Наполеон» для Ёлки"),
    ("recuérdame mañana a las 9 revisar *el PR* <https://x.io/pr/1|PR 1>",
     "revisar *el PR* <https://x.io/pr/1|PR 1>"),
])
def test_the_task_is_kept_exactly_as_typed_in_every_language(text: str, what: str) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert command.what == what


@pytest.mark.parametrize(("text", "nth", "weekday"), [
    ("напомни в последний среду каждого месяца в 10 оплатить", (-1,), 2),  # ending unagreed
    ("напомни каждое первое воскресенье месяца в 10 позвонить", (1,), 6),
    ("recuérdame el penúltimo viernes de cada mes a las 10 pagar", (-2,), 4),
    ("me lembre na segunda segunda de cada mês às 9 de pagar", (2,), 0),  # `segunda` twice
    ("rappelle-moi tous les derniers vendredis du mois à 17h de payer", (-1,), 4),
    ("erinnere mich jeden Monat am dritten Mittwoch um 19 an den Stammtisch", (3,), 2),
])
def test_an_ordinal_and_a_weekday_fill_one_phrase_of_word_classes(
        text: str, nth: tuple[int, ...], weekday: int) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    rule = command.recurrence.rule
    assert (rule.nths, rule.weekday) == (nth, weekday)  # type: ignore[union-attr]


def test_a_class_phrase_needs_a_word_of_each_class() -> None:
    # `toda segunda às 9`: `às` is no weekday, so the shorter `toda segunda` (every Monday)
    command = parse("me lembre toda segunda às 9 de regar", NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert command.recurrence.rule.weekdays == frozenset({0})  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "zone"), [
    ("часовой пояс Москва", "Europe/Moscow"),  # CLDR's exemplar cities, from Babel
    ("мой часовой пояс Сан-Паулу", "America/Sao_Paulo"),
    ("zona horaria Ciudad de México", "America/Mexico_City"),
    ("mi zona horaria es Londres", "Europe/London"),
    ("zeitzone Wien", "Europe/Vienna"),
    ("zeitzone Mexiko-Stadt", "America/Mexico_City"),
    ("fuseau horaire Londres", "Europe/London"),
    ("fuso horário São Paulo", "America/Sao_Paulo"),  # typed with its accent and space
    ("fuso horario sao paulo", "America/Sao_Paulo"),
    ("timezone new york", "America/New_York"),
])
def test_a_time_zone_may_be_a_city_as_the_language_names_it(text: str, zone: str) -> None:
    assert answer(text, NOW, "Europe/Berlin")["tz"] == zone


def test_an_unknown_city_is_refused_in_the_language() -> None:
    refused = answer("zeitzone Narnia", NOW, "Europe/Berlin")

    assert refused["ok"] is False
    assert refused["error"].startswith("Die Zeitzone `Narnia` kenne ich nicht.")


@pytest.mark.parametrize(("text", "local"), [
    ("rappelle-moi à 9h et demie de partir", "2026-03-05 09:30"),  # 24-hour: 09:30 is gone
    ("rappelle-moi à 14h et quart de partir", "2026-03-04 14:15"),
    ("rappelle-moi à 9h moins le quart de partir", "2026-03-05 08:45"),
    ("rappelle-moi à 9 heures moins le quart de partir", "2026-03-05 08:45"),
    ("rappelle-moi à midi et demi de manger", "2026-03-04 12:30"),
    ("me lembre ao meio-dia e meia de almoçar", "2026-03-04 12:30"),
    ("напомни в полвосьмого позавтракать", "2026-03-04 19:30"),  # a bare hour: the next 7:30
    ("напомни завтра без четверти 9 выйти", "2026-03-05 08:45"),
])
def test_halves_and_quarters_of_the_hour(text: str, local: str) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    at = command.recurrence.rule.at.astimezone(ZoneInfo("Europe/Berlin"))  # type: ignore[union-attr]
    assert at.strftime("%Y-%m-%d %H:%M") == local
    assert command.what in ("partir", "manger", "almoçar", "позавтракать", "выйти")


@pytest.mark.parametrize(("text", "intent", "ref"), [
    ("borra el 2", "cancel", "2"),  # `el 2` alone would be the 2nd of a month
    ("pospón el 2 media hora", "snooze", "2"),
    ("reporte le 3 à demain", "snooze", "3"),
    ("adia o 3 para amanhã", "snooze", "3"),
    ("marca el 2 como hecho", "done", "2"),
    ("marque o 2 como feito", "done", "2"),
    ("cancela todos mis recordatorios", "cancel", "all"),
    ("annule tous mes rappels", "cancel", "all"),
    ("lösche alle Erinnerungen", "cancel", "all"),
    ("удали все напоминания", "cancel", "all"),
    ("cancela el recordatorio de la reunión", "cancel", "reunión"),
    ("annule le rappel du rapport", "cancel", "rapport"),
    ("cancela o lembrete do relatório", "cancel", "relatório"),
])
def test_an_items_number_or_name_after_its_verb(text: str, intent: str, ref: str) -> None:
    got = answer(text, NOW, "Europe/Berlin")

    assert (got["intent"], got["ref"]) == (intent, ref)


@pytest.mark.parametrize(("text", "intent", "ref"), [
    ("setze 2 fort", "resume", "2"), ("mets en pause le 2", "pause", "2"),
    ("pausa el 2", "pause", "2"), ("reprends le 2", "resume", "2"), ("hecho el 3", "done", "3"),
])
def test_pause_resume_and_done_of_an_item_by_number(text: str, intent: str, ref: str) -> None:
    got = answer(text, NOW, "Europe/Berlin")

    assert (got["intent"], got["ref"]) == (intent, ref)


@pytest.mark.parametrize("text", [
    "recuérdame cada hora de 9 a 17 estirar", "erinnere mich jede Stunde von 9 bis 17 ans Dehnen",
    "rappelle-moi toutes les heures de 9h à 17h de m'étirer",
    "me lembre a cada hora das 9 às 17 de alongar", "напоминай каждый час с 9 до 17 размяться",
])
def test_a_window_of_the_day_in_each_language(text: str) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert command.recurrence.rule.times == tuple(  # type: ignore[union-attr]
        time(hour) for hour in range(9, 18))
    assert command.what in ("estirar", "Dehnen", "m'étirer", "alongar", "размяться")


def test_german_plural_weekdays_make_a_list() -> None:
    command = parse("erinnere mich montags, mittwochs und freitags um 7 ans Laufen", NOW,
                    "Europe/Berlin")

    assert isinstance(command, Remind)
    assert command.recurrence.rule.weekdays == frozenset({0, 2, 4})  # type: ignore[union-attr]
    assert command.what == "Laufen"


@pytest.mark.parametrize(("text", "local", "what"), [
    ("recuérdame el mes que viene el día 15 pagar", "2026-04-15 09:00", "pagar"),
    ("erinnere mich nächsten Monat am 15. an die Zahlung", "2026-04-15 09:00", "die Zahlung"),
    ("rappelle-moi le mois prochain le 15 de payer", "2026-04-15 09:00", "payer"),
    ("me lembre mês que vem no dia 15 de pagar", "2026-04-15 09:00", "pagar"),
    ("напомни в следующем месяце 15 числа заплатить", "2026-04-15 09:00", "заплатить"),
    ("recuérdame en 1 hora y media sacar la ropa", "2026-03-04 11:45", "sacar la ropa"),
    ("erinnere mich in anderthalb Stunden an die Wäsche", "2026-03-04 11:45", "die Wäsche"),
    ("rappelle-moi dans 2 heures et demie de partir", "2026-03-04 12:45", "partir"),
    ("me lembre daqui a uma hora e meia de tirar a roupa", "2026-03-04 11:45", "tirar a roupa"),
    ("напомни через полтора часа достать бельё", "2026-03-04 11:45", "достать бельё"),
    ("rappelle-moi lundi à 8h du matin d'aller chez le dentiste", "2026-03-09 08:00",
     "aller chez le dentiste"),
    ("rappelle-moi demain à 7h du soir de sortir", "2026-03-05 19:00", "sortir"),
])
def test_next_months_day_an_hour_and_a_half_and_parts_of_the_day(
        text: str, local: str, what: str) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    at = command.recurrence.rule.at.astimezone(ZoneInfo("Europe/Berlin"))  # type: ignore[union-attr]
    assert (at.strftime("%Y-%m-%d %H:%M"), command.what) == (local, what)



@pytest.mark.parametrize("text", [
    "erinnere mich Montag bis Freitag um 9 an die Mails",
    "erinnere mich jeden Montag bis Freitag um 9 an die Mails",
    "erinnere mich montags bis freitags um 9 an die Mails",
    "напомни с понедельника по пятницу в 9 проверить почту",
    "recuérdame de lunes a viernes a las 9 revisar el correo",
    "rappelle-moi du lundi au vendredi à 9h de lire",
])
def test_monday_to_friday_is_every_weekday(text: str) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert command.recurrence.rule.weekdays == frozenset(range(5))  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "rule"), [
    ("erinnere mich jeden zweiten Dienstag um 18 Uhr an den Chor", "every other"),
    ("напомни каждую вторую среду в 18 про хор", "every other"),
    ("erinnere mich jeden zweiten Dienstag im Monat um 18 Uhr an den Chor", "the month's 2nd"),
    ("напомни каждый второй вторник месяца в 18 про хор", "the month's 2nd"),
])
def test_every_second_weekday_is_every_other_unless_the_month_is_named(
        text: str, rule: str) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    found = command.recurrence.rule
    if rule == "every other":
        assert found.every == 2  # type: ignore[union-attr]
    else:
        assert found.nths == (2,)  # type: ignore[union-attr]


def test_russian_weekend_is_this_weekend() -> None:
    command = parse("напомни в выходные в 10 про пробежку", NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert command.recurrence.rule.at.astimezone(ZoneInfo("Europe/Berlin")).weekday() == 5  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "every", "what"), [
    ("rappelle-moi un mardi sur deux à 18h d'aller à la chorale", 2, "aller à la chorale"),
    ("rappelle-moi une semaine sur deux le lundi de sortir les poubelles", 2,
     "sortir les poubelles"),
])
def test_french_one_in_two(text: str, every: int, what: str) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert (command.recurrence.rule.every, command.what) == (every, what)  # type: ignore[union-attr]


def test_spanish_first_thing_is_the_next_morning() -> None:
    command = parse("recuérdame a primera hora llamar al jefe", NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    at = command.recurrence.rule.at.astimezone(ZoneInfo("Europe/Berlin"))  # type: ignore[union-attr]
    assert (at.strftime("%Y-%m-%d %H:%M"), command.what) == ("2026-03-05 09:00", "llamar al jefe")
