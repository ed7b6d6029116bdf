"""The App Home tab: a person's reminders and posts with next times, each with its buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from bot.slack.blocks import Block, buttons, context, section
from bot.slack.markup import to_mrkdwn
from core.reminders import Reminder
from core.replies import Choice
from core.services import wording

Seal = Callable[[tuple[Choice, ...]], tuple[Choice, ...]]

MAX_ITEMS: Final = 45  # two blocks each, within Slack's 100 blocks per view


def home_view(reminders: Sequence[Reminder], zone: str, *, seal: Seal, command: str = "/nudge",
              notice: str | None = None) -> dict[str, Any]:
    """views.publish's `view`: a header, an optional notice, then one row per item."""
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Your reminders"}},
        context(f"Times in {zone}. Add one with `{command} remind me to stretch in 1 hour`, "
                f"or `{command} help`."),
    ]
    if notice:
        blocks.append(section(to_mrkdwn(notice)))
    blocks.append({"type": "divider"})
    blocks += _items(reminders, zone, seal) or [section("Nothing scheduled yet.")]
    if len(reminders) > MAX_ITEMS:
        blocks.append(context(f"…and {len(reminders) - MAX_ITEMS} more: `{command} list`."))
    return {"type": "home", "blocks": blocks}


def _items(reminders: Sequence[Reminder], zone: str, seal: Seal) -> list[Block]:
    blocks: list[Block] = []
    for reminder in reminders[:MAX_ITEMS]:
        blocks.append(section(to_mrkdwn(wording.line(reminder, zone))))
        # The same choices a delivered reminder carries (Done, snoozes, Delete), for the viewer.
        choices = seal(wording.item_choices(reminder))
        blocks.append(buttons(choices, block_id=f"item-{reminder.schedule_id}"))
    return blocks
