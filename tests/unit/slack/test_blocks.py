"""to_blocks: sections within Slack's limits; buttons carry their command text."""

from __future__ import annotations

from bot.slack.blocks import ACTION_PREFIX, SECTION_LIMIT, to_blocks
from core.replies import Choice, Reply


def test_a_plain_reply_is_one_section() -> None:
    assert to_blocks(Reply("hi & bye")) == [
        {"type": "section", "text": {"type": "mrkdwn", "text": "hi &amp; bye"}}]


def test_choices_become_buttons_whose_value_is_the_command() -> None:
    reply = Reply("x", (Choice("Undo", "b.undo.4"), Choice("In 1 hour", "call mom in 1 hour")))

    [_, actions] = to_blocks(reply)

    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [
        (f"{ACTION_PREFIX}0", "b.undo.4"), (f"{ACTION_PREFIX}1", "call mom in 1 hour")]


def test_long_text_is_split_into_sections_at_line_breaks() -> None:
    line = "x" * 999  # three lines and two breaks: 2999 characters, one section
    blocks = to_blocks(Reply("\n".join([line] * 7)))

    assert len(blocks) == 3
    assert all(len(b["text"]["text"]) <= SECTION_LIMIT for b in blocks)
    assert "\n".join(b["text"]["text"] for b in blocks) == "\n".join([line] * 7)
