"""Keep the bot token out of every log line: HTTP client loggers quiet, and a redacting filter.

The token is part of every Bot API URL, and httpx logs each request URL at INFO; an
exception text can carry the URL too. The filter runs inside the log record factory, so
it sees every record of every logger and handler, including ones created later.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Final

REDACTED: Final = "<telegram-token>"
QUIET_LOGGERS: Final = ("httpx", "httpcore")


class TokenFilter(logging.Filter):
    """Replaces the token in a record's message and exception text."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string: logging reports it later
            return True
        if self.token in message:
            record.msg, record.args = message.replace(self.token, REDACTED), None
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = text.replace(self.token, REDACTED)
        return True


def install_redaction(token: str) -> None:
    """Quiet the HTTP loggers and redact `token` from every record from now on (idempotent)."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    factory = logging.getLogRecordFactory()
    if token in getattr(factory, "redacted_tokens", ()):
        return
    token_filter = TokenFilter(token)

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        token_filter.filter(record)
        return record

    redacting_factory.redacted_tokens = (  # type: ignore[attr-defined]
        *getattr(factory, "redacted_tokens", ()), token)
    logging.setLogRecordFactory(redacting_factory)
