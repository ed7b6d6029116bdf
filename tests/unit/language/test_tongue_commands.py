"""Short commands in the five languages: detection, the words the chat reads before the
parser (a bare `done`, habit stats and check-in days), German verbs at the end."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.language.commands import Cancel, MarkDone, Remind, Snooze
from core.language.detect import bare_done, foreign_command
from core.language.parser import parse, parse_message
from core.language.suggest import did_you_mean
from core.services.tracker_words import days_back, read

NOW = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(("text", "code"), [
    ("отмена 1", "ru"), ("annuler 1", "fr"), ("löschen 2", "de"), ("cancelar 2", "es"),
    ("список", "ru"), ("lista", "es"), ("liste", "de"), ("hecho 1", "es"),
    ("erledigt 1", "de"), ("fait 1", "fr"), ("feito 1", "pt"), ("готово 1", "ru"),
    ("pospone 10 minutos", "es"), ("schlummern 10 Minuten", "de"),
    ("reporter 10 minutes", "fr"), ("adiar 10 minutos", "pt"), ("отложи на 10 минут", "ru"),
    ("ayuda", "es"), ("ajuda", "pt"), ("aide", "fr"), ("помощь", "ru"), ("hilfe", "de"),
    ("zona horaria Europe/Madrid", "es"), ("huso horario Europe/Madrid", "es"),
    ("idioma português", "pt"), ("idioma inglés", "es"),
])
def test_a_short_command_is_read_in_its_language(text: str, code: str) -> None:
    parsed = parse_message(text, NOW, "Europe/Berlin")

    assert parsed.error is None, parsed.error
    assert parsed.language == code


@pytest.mark.parametrize(("text", "hint"), [("cancelar 2", "pt"), ("lista", "pt"),
                                            ("liste", "fr"), ("pausa 2", "pt")])
def test_the_persons_language_breaks_a_tie_between_two(text: str, hint: str) -> None:
    assert parse_message(text, NOW, "Europe/Berlin", hint).language == hint


@pytest.mark.parametrize("text", ["pause 2", "remove 2", "cancel 2", "list"])
def test_an_english_verb_stays_english(text: str) -> None:
    assert parse_message(text, NOW, "Europe/Berlin").language == "en"


def test_a_foreign_command_word_is_no_misspelt_english_verb() -> None:
    assert foreign_command("cancelar")
    assert foreign_command("pausa")
    assert did_you_mean("cancelar 2") is None
    assert did_you_mean("pausa 2") is None
    assert did_you_mean("canel 2") is not None  # English typos are still caught


@pytest.mark.parametrize(("text", "code"), [
    ("hecho", "es"), ("¡Hecho!", "es"), ("listo", "es"), ("Erledigt.", "de"),
    ("fertig", "de"), ("fait", "fr"), ("c'est fait", "fr"), ("c’est fait", "fr"),
    ("feito", "pt"), ("pronto", "pt"), ("готово", "ru"), ("сделано", "ru"),
])
def test_a_bare_done_names_its_language(text: str, code: str) -> None:
    assert bare_done(text) == code


@pytest.mark.parametrize("text", ["done", "lista", "hecho 3", "hola", ""])
def test_other_text_is_no_bare_done_of_another_language(text: str) -> None:
    assert bare_done(text) is None


@pytest.mark.parametrize(("text", "code", "ref"), [
    ("estadísticas meditar", "es", "meditar"), ("estadisticas de meditar", "es", "meditar"),
    ("Statistik meditieren", "de", "meditieren"), ("statistiques de méditer", "fr", "méditer"),
    ("estatísticas meditar", "pt", "meditar"), ("статистика медитация", "ru", "медитация"),
])
def test_habit_stats_are_read_in_each_language(text: str, code: str, ref: str) -> None:
    found = read(text)

    assert found is not None
    assert (found.verb, found.ref, found.language) == ("stats", ref, code)


@pytest.mark.parametrize(("ref", "back"), [("meditar ayer", 1), ("meditieren gestern", 1),
                                           ("méditer hier", 1), ("meditar ontem", 1),
                                           ("медитация вчера", 1), ("meditar hoy", 0)])
def test_a_check_in_day_is_read_in_each_language(ref: str, back: int) -> None:
    assert days_back(ref)[1] == back


@pytest.mark.parametrize(("text", "command"), [
    ("2 löschen", Cancel("2")), ("Erinnerung 2 löschen", Cancel("2")),
    ("meditieren erledigt", MarkDone("meditieren")), ("2 abhaken", MarkDone("2")),
])
def test_a_german_verb_may_end_the_command(text: str, command: object) -> None:
    assert parse(text, NOW, "Europe/Berlin") == command


def test_a_german_date_may_lose_its_last_dot_but_a_decimal_hour_stays_a_span() -> None:
    goal = parse_message("Ziel 20 Bücher lesen bis 31.12", NOW, "Europe/Berlin").command
    span = parse("in 1.5 Stunden erinnere mich an den Tee", NOW, "Europe/Berlin")

    assert getattr(goal, "deadline", None) is not None
    assert goal.deadline.isoformat() == "2026-12-31"  # type: ignore[union-attr]
    assert isinstance(span, Remind)
    assert span.recurrence.rule.at == NOW.replace(hour=11, minute=45)  # type: ignore[union-attr]


def test_a_snooze_in_each_language_is_a_snooze() -> None:
    for text in ("pospone 10 minutos", "schlummere 10 Minuten", "repousse d'une heure",
                 "adia 1 hora", "перенеси на 1 час", "verschieben auf morgen"):
        assert isinstance(parse(text, NOW, "Europe/Berlin"), Snooze), text
