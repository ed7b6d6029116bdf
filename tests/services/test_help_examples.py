"""Every example in the habit and goal help, in every language, does what it shows: typed in
order on a fresh database, none is refused and none is answered in English."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.telegram.app import menu
from core.i18n import LANGUAGES, _, using
from core.services.delivery import deliver_due
from core.services.help import OVERVIEW, TOPICS
from tests.services.conftest import actor
from tests.services.test_reply_languages import english_left, english_pieces


def examples(topic: str, code: str) -> list[str]:
    """The commands of a help topic as shown: lines after the title, split at ` · `, without
    a trailing note in parentheses."""
    with using(code):
        text = _(TOPICS[topic])
    commands = []
    for line in text.splitlines()[1:]:
        for part in line.split(" · "):
            commands.append(re.sub(r"\s*\([^)]*\)$", "", part.strip()))
    return commands


# Channel posts, digests and the calendar are English-only features for now.
ENGLISH_ONLY = {"post", "digest", "agenda"}
SAME_COMMANDS = {("fr", "pause 3")}  # French says `pause` too


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_no_topic_shows_an_english_example(code: str) -> None:
    english = {topic: set(examples(topic, "en")) for topic in TOPICS}
    left = {(topic, command) for topic in TOPICS if topic not in ENGLISH_ONLY
            for command in examples(topic, code)
            if command in english[topic] and (code, command) not in SAME_COMMANDS}
    assert left == set()


def test_the_examples_are_read_from_the_help() -> None:
    assert examples("goal", "es")[:3] == ["objetivo correr 100 km para el 31 de diciembre",
                                          "objetivo leer 12 libros este año",
                                          "progreso correr 5 km"]


@pytest.mark.parametrize("topic", ["remind", "habit", "goal", "timezone"])
@pytest.mark.parametrize("code", LANGUAGES)
async def test_every_help_example_works_in_its_language(dispatcher, code, topic):
    pieces = english_pieces(code) if code != "en" else set()
    for command in examples(topic, code):
        if "@" in command or "#" in command:
            continue  # addressed to others: the test workspace has no members or channels
        reply = await dispatcher.handle(command, actor())

        assert not reply.is_error, (command, reply.text)
        assert english_left(reply, pieces) == [], (command, reply.text)


def overview_line(code: str, index: int) -> list[str]:
    """The commands of one line of the overview, after its label (`Más: ...`)."""
    with using(code):
        line = _(OVERVIEW).splitlines()[index]
    return [part.strip() for part in line.split(":", 1)[1].split(" · ")]


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
async def test_the_overviews_help_topics_each_show_their_topic(dispatcher, code):
    with using(code):
        overview = _(OVERVIEW)
    pieces = english_pieces(code)
    topics = overview_line(code, -1)
    assert len(topics) == 5
    for command in topics:
        reply = await dispatcher.handle(command, actor())

        assert not reply.is_error, (command, reply.text)
        assert reply.text != overview, command  # an unknown topic shows the overview
        assert english_left(reply, pieces) == [], (command, reply.text)


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
async def test_the_overviews_habit_and_goal_examples_work(dispatcher, code):
    for command in overview_line(code, -2):
        reply = await dispatcher.handle(command, actor())

        assert not reply.is_error, (command, reply.text)


QUOTED = re.compile(r"[«„“]\s?([^»“”]+?)\s?[»“”]")


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
async def test_the_telegram_menus_quoted_examples_work_in_their_language(dispatcher, deps,
                                                                        clock, code):
    # `done meditate` after the habit it marks
    commands = sorted(menu(code), key=lambda command: command.command == "done")
    examples = [(command.command, found) for command in commands
                for found in QUOTED.findall(command.description)]
    assert len(examples) >= 5
    for name, example in examples:
        if name == "snooze":  # a snooze needs a delivered reminder: the one set above
            clock.current += timedelta(minutes=21)
            await deliver_due(deps)
        reply = await dispatcher.handle(example, actor())

        assert not reply.is_error, (example, reply.text)
