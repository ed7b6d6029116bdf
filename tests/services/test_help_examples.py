"""Every example in the habit and goal help, in every language, does what it shows: typed in
order on a fresh database, none is refused and none is answered in English."""

from __future__ import annotations

import re

import pytest

from core.i18n import LANGUAGES, _, using
from core.services.help import TOPICS
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


def test_the_examples_are_read_from_the_help() -> None:
    assert examples("goal", "es")[:3] == ["objetivo correr 100 km para el 31 de diciembre",
                                          "objetivo leer 12 libros este año",
                                          "progreso correr 5 km"]


@pytest.mark.parametrize("topic", ["habit", "goal"])
@pytest.mark.parametrize("code", LANGUAGES)
async def test_every_help_example_works_in_its_language(dispatcher, code, topic):
    pieces = english_pieces(code) if code != "en" else set()
    for command in examples(topic, code):
        reply = await dispatcher.handle(command, actor())

        assert not reply.is_error, (command, reply.text)
        assert english_left(reply, pieces) == [], (command, reply.text)
