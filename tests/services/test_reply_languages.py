"""Every reply to a command typed in Spanish, German, French, Portuguese or Russian comes from
the catalogs: no English message text is left in it, and bad input changes nothing."""

from __future__ import annotations

import re
import string

import pytest

from core.i18n import catalog
from core.replies import Reply
from tests.services.conftest import actor

# remind, recurring, counted, habit, done, stats, goal, progress, list, snooze, cancel, help, bad
WORDS = {
    "es": ("recuérdame en 1 minuto estirar", "recuérdame todos los lunes a las 8 el informe",
           "recuérdame dos veces al día beber agua", "hábito meditar cada mañana",
           "hecho meditar", "estadísticas meditar", "objetivo leer 20 libros",
           "progreso leer 3 libros", "lista", "pospón 2 10 minutos", "cancelar 1", "ayuda",
           "recuérdame el 30 de febrero pagar el alquiler"),
    "de": ("erinnere mich in 1 Minute ans Dehnen", "erinnere mich jeden Montag um 8 an den Bericht",
           "erinnere mich zweimal am Tag ans Wasser", "Gewohnheit meditieren jeden Morgen",
           "erledigt meditieren", "Statistik meditieren", "Ziel 20 Bücher lesen",
           "Fortschritt lesen 3 Bücher", "liste", "schlummern 2 10 Minuten", "löschen 1", "hilfe",
           "erinnere mich am 30. Februar an die Miete"),
    "fr": ("rappelle-moi dans 1 minute de m'étirer", "rappelle-moi tous les lundis à 8h du rapport",
           "rappelle-moi deux fois par jour de boire", "habitude méditer tous les matins",
           "fait méditer", "statistiques méditer", "objectif lire 20 livres",
           "progrès lire 3 livres", "liste", "repousse 2 de 10 minutes", "annuler 1", "aide",
           "rappelle-moi le 30 février de payer le loyer"),
    "pt": ("me lembre daqui a 1 minuto de alongar", "me lembre toda segunda às 8h do relatório",
           "me lembre duas vezes por dia de beber água", "hábito meditar toda manhã",
           "feito meditar", "estatísticas meditar", "meta ler 20 livros",
           "progresso ler 3 livros", "lista", "adiar 2 10 minutos", "apagar 1", "ajuda",
           "me lembre no dia 30 de fevereiro de pagar o aluguel"),
    "ru": ("напомни мне через 1 минуту размяться", "напомни мне каждый понедельник в 8 про отчёт",
           "напоминай мне два раза в день пить воду", "привычка медитировать каждое утро",
           "готово медитировать", "статистика медитировать", "цель прочитать 20 книг",
           "прогресс прочитать 3 книг", "список", "отложи 2 на 10 минут", "отмена 1", "помощь",
           "напомни мне 30 февраля заплатить за квартиру"),
}


def english_pieces(code: str) -> set[str]:
    """The words of every translated English message between its placeholders: any of them
    in a reply means a message went out untranslated."""
    pieces: set[str] = set()
    for msgid, text in catalog(code).items():
        for literal, *_rest in string.Formatter().parse(msgid):
            piece = literal.strip(" .,;:()'`\n")
            if len(piece) >= 8 and " " in piece and piece not in text:
                pieces.add(piece)
    return pieces


def english_left(reply: Reply, pieces: set[str]) -> list[str]:
    said = "\n".join([reply.text, *(c.label for c in reply.choices)])
    return sorted(p for p in pieces if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", said))


async def count(deps) -> int:
    async with deps.uow() as uow:
        reminders = await uow.reminders.list_for(actor().user)
        others = await uow.schedules.list_for(actor().user, kinds={"habit", "goal"})
    return len(reminders) + len(others)


@pytest.mark.parametrize("code", sorted(WORDS))
async def test_every_reply_is_in_the_language_typed(dispatcher, deps, code):
    pieces = english_pieces(code)
    *commands, bad = WORDS[code]
    for text in commands:
        reply = await dispatcher.handle(text, actor())
        assert not reply.is_error, (text, reply.text)
        assert english_left(reply, pieces) == [], (text, reply.text)

    before = await count(deps)
    refused = await dispatcher.handle(bad, actor())

    assert refused.is_error
    assert english_left(refused, pieces) == [], refused.text
    assert await count(deps) == before  # bad input changes nothing


@pytest.mark.parametrize("code", sorted(WORDS))
async def test_a_counted_frequency_says_its_reading_in_the_language(dispatcher, code):
    reply = await dispatcher.handle(WORDS[code][2], actor())

    assert "twice a day" not in reply.text
    assert " instead" not in reply.choices[0].label
    assert "09:00" in reply.text
    assert "08:00" in reply.choices[0].label


# A refusal each: `done` and snooze with nothing delivered yet, `undo` with nothing to undo.
NOTHING_YET = {"es": ("hecho", "pospón 10 minutos", "deshacer"),
               "de": ("erledigt", "schlummern 10 Minuten", "rückgängig"),
               "fr": ("fait", "reporter 10 minutes", "défaire"),
               "pt": ("feito", "adiar 10 minutos", "desfazer"),
               "ru": ("готово", "отложи на 10 минут", "верни как было")}


@pytest.mark.parametrize("code", sorted(NOTHING_YET))
async def test_nothing_to_act_on_yet_is_said_in_the_language(dispatcher, deps, code):
    pieces = english_pieces(code)
    for text in NOTHING_YET[code]:
        reply = await dispatcher.handle(text, actor())

        assert reply.is_error, (text, reply.text)
        assert english_left(reply, pieces) == [], (text, reply.text)
        assert reply.text in catalog(code).values(), (text, reply.text)
    assert await count(deps) == 0
