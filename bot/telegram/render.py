"""Telegram HTML from the shared reply text: what people typed is escaped, `code` is shown
as code. The one reply model renders three ways: Slack mrkdwn (bot/slack/markup.py),
Telegram HTML (here), console plain text (bot/console/repl.py `plain`)."""

from __future__ import annotations

import html
import re
from typing import Final

from telegram.constants import MessageLimit, ParseMode

PARSE_MODE: Final = ParseMode.HTML
_CODE: Final = re.compile(r"`([^`\n]+)`")


def to_html(text: str) -> str:
    """Escape <, > and & (a person's text is never markup), then `x` -> <code>x</code>."""
    escaped = html.escape(text, quote=False)
    return _CODE.sub(lambda m: f"<code>{m[1]}</code>", escaped)


def fitted(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> str:
    """The HTML of `text` within Telegram's limit: cut the source until its HTML fits."""
    cut = text
    while len(rendered := to_html(cut)) > limit:
        # Escapes grow the text; cutting the source (never the HTML) keeps tags whole.
        cut = cut[: max(0, len(cut) - (len(rendered) - limit) - 1)]
        cut = cut.rsplit("`", 1)[0] if cut.count("`") % 2 else cut
        if not cut:
            break
    return rendered if cut == text else to_html(cut + "…")
