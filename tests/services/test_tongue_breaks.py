"""Skips, pauses with an end and vacations typed in Spanish, German, French, Portuguese and
Russian, through the Dispatcher on a real database, with a FakeClock.

The clock starts Wed 4 Mar 2026 10:15 in New York (the actor's zone).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.buttons import SealingSender
from tests.services.test_habits import habit, ny, prompts_at, say
from tests.services.test_reply_languages import english_left, english_pieces

# (a habit, skip it today, pause it until Monday, a vacation until 7 March, a bad date)
WORDS = {
    "es": ("hábito meditar cada mañana", "saltar meditar hoy", "pausa meditar hasta el lunes",
           "vacaciones hasta el 7 de marzo", "pausa meditar hasta el nunca"),
    "de": ("Gewohnheit meditieren jeden Morgen", "überspringen meditieren heute",
           "pausiere meditieren bis Montag", "Urlaub bis 7. März",
           "pausiere meditieren bis nimmermehr"),
    "fr": ("habitude méditer tous les matins", "sauter méditer aujourd'hui",
           "pause méditer jusqu'à lundi", "vacances jusqu'au 7 mars",
           "pause méditer jusqu'à jamais"),
    "pt": ("hábito meditar toda manhã", "pular meditar hoje", "pausar meditar até segunda",
           "férias até 7 de março", "pausar meditar até nunca"),
    "ru": ("привычка медитировать каждое утро", "пропустить медитировать сегодня",
           "пауза медитировать до понедельника", "отпуск до 7 марта",
           "пауза медитировать до никогда"),
}
HABIT_PROMPT = "🔁"


@pytest.fixture
def deps(deps, sender, clock):
    """Deliveries sealed on the way out, as the composition root wires them."""
    return replace(deps, sender=SealingSender(sender, deps.buttons, clock))


def said_in(code: str, reply) -> bool:
    """No English message text is left in the reply."""
    return english_left(reply, english_pieces(code)) == []


@pytest.mark.parametrize("code", sorted(WORDS))
async def test_skip_today_silences_todays_prompt(dispatcher, deps, clock, sender, code):
    await say(dispatcher, WORDS[code][0])
    clock.current = ny(5, 8)

    skipped = await say(dispatcher, WORDS[code][1])
    today = await prompts_at(deps, clock, sender, ny(5, 9))
    tomorrow = await prompts_at(deps, clock, sender, ny(6, 9))

    assert not skipped.is_error, skipped.text
    assert said_in(code, skipped), skipped.text
    assert today == []
    assert len(tomorrow) == 1
    assert tomorrow[0].startswith(HABIT_PROMPT)


@pytest.mark.parametrize("code", sorted(WORDS))
async def test_pause_until_monday_rests_the_habit_through_sunday(dispatcher, deps, clock,
                                                                 sender, code):
    await say(dispatcher, WORDS[code][0])

    paused = await say(dispatcher, WORDS[code][2])
    quiet = [await prompts_at(deps, clock, sender, ny(day, 9)) for day in (5, 6, 7, 8)]
    monday = await prompts_at(deps, clock, sender, ny(9, 9))

    assert not paused.is_error, paused.text
    assert said_in(code, paused), paused.text
    assert quiet == [[], [], [], []]
    assert len(monday) == 1


@pytest.mark.parametrize("code", sorted(WORDS))
async def test_a_vacation_rests_every_habit_until_the_day_named(dispatcher, deps, clock,
                                                                sender, code):
    await say(dispatcher, WORDS[code][0])

    reply = await say(dispatcher, WORDS[code][3])
    resting = await prompts_at(deps, clock, sender, ny(6, 9))
    back = await prompts_at(deps, clock, sender, ny(7, 9))

    assert not reply.is_error, reply.text
    assert said_in(code, reply), reply.text
    assert resting == []
    assert len(back) == 1


@pytest.mark.parametrize("code", sorted(WORDS))
async def test_a_pause_until_no_date_is_refused_in_the_language_and_changes_nothing(
        dispatcher, deps, clock, sender, code):
    await say(dispatcher, WORDS[code][0])
    before = await habit(deps)

    reply = await say(dispatcher, WORDS[code][4])

    assert reply.is_error
    assert said_in(code, reply), reply.text
    assert await habit(deps) == before
    assert len(await prompts_at(deps, clock, sender, ny(5, 9))) == 1
