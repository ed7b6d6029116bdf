"""The token filter: no record carries the bot token, whatever logger or handler it meets."""

from __future__ import annotations

import logging

import pytest

from bot.telegram.redaction import REDACTED, TokenFilter, install_redaction

TOKEN = "123456:unit-test-token-abc"


def test_the_token_is_cut_from_message_and_arguments() -> None:
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "HTTP Request: POST %s",
                               (f"https://api.telegram.org/bot{TOKEN}/getMe",), None)

    TokenFilter(TOKEN).filter(record)

    assert record.getMessage() == f"HTTP Request: POST https://api.telegram.org/bot{REDACTED}/getMe"


def test_the_token_is_cut_from_an_exception_text() -> None:
    try:
        raise ConnectionError(f"cannot reach /bot{TOKEN}/sendMessage")
    except ConnectionError as exc:
        record = logging.LogRecord("telegram", logging.ERROR, __file__, 1, "failed", (),
                                   (type(exc), exc, exc.__traceback__))

    TokenFilter(TOKEN).filter(record)

    assert TOKEN not in logging.Formatter().format(record)
    assert REDACTED in record.exc_text


def test_installed_redaction_covers_every_logger(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction(TOKEN)
    install_redaction(TOKEN)  # idempotent
    caplog.set_level(logging.DEBUG)

    logging.getLogger("some.library.created.later").warning("url %s/bot%s/x", "http://h", TOKEN)

    assert TOKEN not in caplog.text
    assert REDACTED in caplog.text
    assert logging.getLogger("httpx").level == logging.WARNING
