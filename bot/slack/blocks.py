"""Block Kit: a Reply as blocks; each Choice a button carrying its token or command text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from bot.slack.markup import to_mrkdwn
from core.buttons import Verb
from core.replies import Choice, Reply

Block = dict[str, Any]

ACTION_PREFIX: Final = "nudge_choice_"
SECTION_LIMIT: Final = 3000  # characters of text in one section block
BUTTON_LABEL_LIMIT: Final = 75
BUTTONS_PER_BLOCK: Final = 25
_STYLES: Final = {Verb.DONE: "primary", Verb.DELETE: "danger"}


def to_blocks(reply: Reply) -> list[Block]:
    """Sections for the text (split at Slack's limit), then one row of buttons."""
    blocks = [section(chunk) for chunk in _chunks(to_mrkdwn(reply.text))]
    if any(choice.command for choice in reply.choices):
        blocks.append(buttons(reply.choices))
    return blocks


def fallback_text(reply: Reply) -> str:
    """The notification text Slack shows where blocks cannot be shown."""
    return to_mrkdwn(reply.text)[:SECTION_LIMIT]


def section(mrkdwn: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn or " "}}


def context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn}]}


def buttons(choices: Sequence[Choice], *, block_id: str | None = None) -> Block:
    # An action choice that was never sealed has no payload: it cannot be pressed, so no button.
    pressable = [choice for choice in choices if choice.command][:BUTTONS_PER_BLOCK]
    elements = [button(i, choice) for i, choice in enumerate(pressable)]
    block: Block = {"type": "actions", "elements": elements}
    if block_id:
        block["block_id"] = block_id
    return block


def button(index: int, choice: Choice) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": choice.label[:BUTTON_LABEL_LIMIT], "emoji": True},
        # A sealed token, or command text; either goes back through Dispatcher.press.
        "value": choice.command,
        "action_id": f"{ACTION_PREFIX}{index}",
    }
    style = _STYLES.get(choice.action.verb) if choice.action else None
    if style:
        element["style"] = style
    return element


def _chunks(text: str) -> list[str]:
    """Split at line breaks so that each piece fits one section."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= SECTION_LIMIT:
            current = candidate
            continue
        if current:
            chunks.append(current)
        current = line[:SECTION_LIMIT]
    return [*chunks, current]
