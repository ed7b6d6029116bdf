"""`nudge keys rotate`: re-encrypt the stored Slack tokens with the newest key."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.settings import Settings
from core.errors import ConfigError

EXIT_FAILED = 1
EXIT_USAGE = 2


def run_keys(args: argparse.Namespace, settings: Settings) -> int:
    """Every token is rewritten in one transaction, or (a key missing) none is."""
    from bot.main import rotate_slack_tokens
    from integrations.sql.migrate import upgrade

    if settings.encryption_keys is None:
        sys.stderr.write("nudge: NUDGE_ENCRYPTION_KEYS is not set: put the new key first, "
                         "then the old ones, comma-separated\n")
        return EXIT_USAGE
    upgrade(settings.sqlalchemy_url)
    try:
        rows = asyncio.run(rotate_slack_tokens(settings))
    except ConfigError as exc:
        sys.stderr.write(f"nudge: {exc}; nothing was changed\n")
        return EXIT_FAILED
    sys.stdout.write(f"re-encrypted {rows} stored Slack token rows with the newest key; "
                     "the older keys may now be removed from NUDGE_ENCRYPTION_KEYS\n")
    return 0
