"""What Nudge sends on its own (habit prompts, goal nudges and tallies) and the refusals of
done, snooze and the quotas, in the person's language, on a real database with a FakeClock.

The clock starts Wed 4 Mar 2026 10:15 in New York (the actor's zone).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.buttons import SealingSender
from tests.services.test_goals import sent_each_morning
from tests.services.test_habits import ny, prompts_at, say
from tests.services.test_reply_languages import english_left, english_pieces


@pytest.fixture
def deps(deps, sender, clock):
    """Deliveries sealed on the way out, as the composition root wires them."""
    return replace(deps, sender=SealingSender(sender, deps.buttons, clock))


async def test_a_habit_prompt_and_its_buttons_come_in_the_owners_language(dispatcher, deps,
                                                                         clock, sender):
    await say(dispatcher, "idioma español")
    await say(dispatcher, "hábito meditar cada mañana")

    [prompt] = await prompts_at(deps, clock, sender, ny(5, 9))

    assert prompt == "🔁 ¿Hora de meditar? (Hábito 1)"
    [(_, reply)] = sender.sent
    assert [c.label for c in reply.choices] == ["Hecho", "Saltar hoy"]


async def test_goal_nudges_and_the_final_tally_come_in_the_owners_language(dispatcher, deps,
                                                                          clock, sender):
    await say(dispatcher, "язык русский")
    await say(dispatcher, "цель пробежать 100 км до 20 марта")
    await say(dispatcher, "прогресс пробежать 40 км")
    sent = await sent_each_morning(deps, clock, sender, range(5, 23))

    assert sorted(sent) == [13, 19, 21]
    assert sent[13].startswith("🎯 Цель 1: пробежать: осталось дней: 7. 40 из 100 км")
    assert sent[19].startswith("🎯 Цель 1: пробежать: остался 1 день.")
    assert sent[21] == "🏁 Цель 1: пробежать, срок истёк. Итог: 40 из 100 км (40%)."


@pytest.mark.parametrize(("code", "words"), [
    ("de", ("erinnere mich jeden Tag um 9 ans Wasser", "pausiere 1", "verschiebe 1 um 1 Stunde",
            "erledigt 1")),
    ("fr", ("rappelle-moi tous les jours à 9h de boire", "pause 1", "reporte 1 d'une heure",
            "fait 1")),
])
async def test_done_and_a_refused_snooze_are_said_in_the_language(dispatcher, deps, code,
                                                                   words):
    remind, pause, snooze, done = words
    pieces = english_pieces(code)
    await say(dispatcher, remind)
    await say(dispatcher, pause)

    refused = await say(dispatcher, snooze)
    finished = await say(dispatcher, done)

    assert refused.is_error
    assert english_left(refused, pieces) == [], refused.text
    assert not finished.is_error, finished.text
    assert finished.text.startswith("✓ ")
    assert english_left(finished, pieces) == [], finished.text
