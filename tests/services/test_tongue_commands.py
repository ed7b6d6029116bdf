"""Short commands, habits and goals typed in Spanish, German, French, Portuguese and Russian,
through the Dispatcher on a real database: what they change (the replies' wording is the
catalogs' business and is tested there)."""

from __future__ import annotations

import pytest

from core.services.delivery import deliver_due
from tests.services.conftest import actor

# (set a reminder, cancel it by number, a habit, its check-in, its stats, a goal, progress)
WORDS = {
    "es": ("recuérdame en 1 minuto estirar", "cancelar 1", "hábito meditar cada mañana",
           "hecho meditar", "estadísticas meditar", "objetivo leer 20 libros",
           "progreso leer 3 libros"),
    "de": ("erinnere mich in 1 Minute ans Dehnen", "löschen 1",
           "Gewohnheit meditieren jeden Morgen", "erledigt meditieren", "Statistik meditieren",
           "Ziel 20 Bücher lesen", "Fortschritt lesen 3 Bücher"),
    "fr": ("rappelle-moi dans 1 minute de m'étirer", "annuler 1",
           "habitude méditer tous les matins", "fait méditer", "statistiques méditer",
           "objectif lire 20 livres", "progrès lire 3 livres"),
    "pt": ("me lembre daqui a 1 minuto de alongar", "apagar 1",
           "hábito meditar toda manhã", "feito meditar", "estatísticas meditar",
           "meta ler 20 livros", "progresso ler 3 livros"),
    "ru": ("напомни мне через 1 минуту размяться", "отмена 1",
           "привычка медитировать каждое утро", "готово медитировать",
           "статистика медитировать", "цель прочитать 20 книг", "прогресс прочитать 3 книг"),
}


async def live(deps) -> list:
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor().user)


@pytest.mark.parametrize("code", sorted(WORDS))
async def test_a_short_cancel_cancels_and_is_no_misspelt_english_verb(dispatcher, deps, code):
    remind, cancel, *_ = WORDS[code]
    await dispatcher.handle(remind, actor())

    reply = await dispatcher.handle(cancel, actor())

    assert "Did you mean" not in reply.text
    assert not reply.is_error, reply.text
    assert await live(deps) == []


@pytest.mark.parametrize(("code", "word"), [("es", "¡Hecho!"), ("de", "Erledigt."),
                                            ("fr", "c'est fait"), ("pt", "feito"),
                                            ("ru", "готово")])
async def test_a_bare_done_marks_the_last_delivered_reminder_done(dispatcher, deps, clock,
                                                                  code, word):
    await dispatcher.handle(WORDS[code][0], actor())
    [reminder] = await live(deps)
    clock.current = reminder.next_at
    await deliver_due(deps)

    reply = await dispatcher.handle(word, actor())

    assert not reply.is_error, reply.text
    assert await live(deps) == []


async def test_a_bare_done_with_nothing_delivered_changes_nothing(dispatcher, deps):
    await dispatcher.handle(WORDS["es"][0], actor())

    reply = await dispatcher.handle("hecho", actor())

    assert reply.is_error
    assert len(await live(deps)) == 1


@pytest.mark.parametrize("code", sorted(WORDS))
async def test_habits_and_goals_work_in_each_language(dispatcher, deps, code):
    _, _, habit, checkin, stats, goal, progress = WORDS[code]

    created = await dispatcher.handle(habit, actor())
    checked = await dispatcher.handle(checkin, actor())
    shown = await dispatcher.handle(stats, actor())
    aimed = await dispatcher.handle(goal, actor())
    logged = await dispatcher.handle(progress, actor())

    for reply in (created, checked, shown, aimed, logged):
        assert not reply.is_error, reply.text
    async with deps.uow() as uow:
        first = await uow.schedules.by_number(actor().user, 1)
        checkins = await uow.habits.checkins(first.id)
    assert len(checkins) == 1
    assert shown.image is not None  # the stats' heat map: the stats reply, not a refusal
    assert "3" in logged.text
    assert "20" in logged.text


@pytest.mark.parametrize(("code", "cancel_all"), [
    ("es", "cancela todos mis recordatorios"), ("de", "lösche alle Erinnerungen"),
    ("fr", "annule tous mes rappels"), ("pt", "cancela todos os meus lembretes"),
    ("ru", "удали все напоминания"),
])
async def test_cancel_all_asks_in_the_language_and_its_button_cancels_everything(
        dispatcher, deps, code, cancel_all):
    remind = WORDS[code][0]
    await dispatcher.handle(remind, actor())
    await dispatcher.handle(remind, actor())

    asked = await dispatcher.handle(cancel_all, actor())
    done = await dispatcher.press(asked.choices[0].command, actor())

    assert not asked.is_error, asked.text
    assert "2" in asked.choices[0].label
    assert not done.is_error, done.text
    assert await live(deps) == []
