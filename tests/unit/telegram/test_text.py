"""Slash commands and mentions -> the words of the command language."""

from __future__ import annotations

import pytest
from telegram import Message

from bot.telegram.handlers import command_text, without_mention
from tests.servers.telegram_api import BOT_USERNAME, message_update


@pytest.mark.parametrize(("text", "words"), [
    pytest.param("/remind me to stretch in 1h", "remind me to stretch in 1h", id="args"),
    pytest.param("/remind@NudgeTestBot me to run", "remind me to run", id="bot-suffix"),
    pytest.param("/LIST", "list", id="case"),
    pytest.param("/timezone@NudgeTestBot", "timezone", id="bare"),
    pytest.param("/help  snooze ", "help snooze", id="spaces"),
])
def test_a_slash_command_means_its_words(text: str, words: str) -> None:
    assert command_text(text) == words


def message(text: str) -> Message:
    return Message.de_json(message_update(text, chat_id=-200)["message"], None)


def test_the_mention_is_cut_out_of_the_text() -> None:
    assert without_mention(message(f"@{BOT_USERNAME} remind me to run in 1h"),
                           BOT_USERNAME) == "remind me to run in 1h"


def test_a_message_without_the_mention_is_not_for_nudge() -> None:
    assert without_mention(message("remind me to run in 1h"), BOT_USERNAME) is None
