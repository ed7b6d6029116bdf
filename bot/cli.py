"""`nudge`: run, chat, parse, worker, scheduler, failed, db, keys (argparse).

Imports are lazy per command, so `nudge parse` starts fast without the SDKs and the ORM.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

EXIT_USAGE = 2
# The pipe's own command line is answered without argparse: building the parser costs
# ~7 ms a start (its help formatter imports shutil; gettext looks for catalogs on disk).
_PIPE = ["parse", "--jsonl"]


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if words == _PIPE:
        from bot.parse_command import serve_jsonl

        serve_jsonl()
        if argv is None:  # the `nudge` process itself, not a caller in Python
            _exit_at_once()
        return 0
    args = _parser().parse_args(words)
    if args.command == "parse":
        from bot.parse_command import run_parse

        return run_parse(args)
    from bot.settings import load_settings
    from core.errors import ConfigError

    try:
        settings = load_settings()
    except ConfigError as exc:
        sys.stderr.write(f"nudge: bad setting: {exc}\n")
        return EXIT_USAGE
    if args.command == "keys":
        from bot.keys import run_keys

        return run_keys(args, settings)
    from bot import commands

    return int(commands.run(args, settings) or 0)


def _exit_at_once() -> None:
    """End the pipe's process once every answer is out, without the interpreter's teardown
    (freeing each module and object: ~8 ms, a tenth of a short pipe's run). Nothing is left
    to it: the output is flushed here, and the pipe opens no file, thread or child."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    if "logging" in sys.modules:  # imported on a fault: its handlers flush at exit
        sys.modules["logging"].shutdown()
    os._exit(0)


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="nudge", description="Nudge, the chat scheduling assistant"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run Nudge (console chat when no Slack/Telegram token is set)")
    chat = sub.add_parser("chat", help="send one message as the console user and print the answer")
    chat.add_argument("text", nargs="+")
    parse = sub.add_parser("parse", help="resolve text to the contract's JSON, changing nothing")
    parse.add_argument("--now", help="local ISO time in --tz (default: now)")
    parse.add_argument("--tz", default="UTC", help="IANA time zone (default UTC)")
    parse.add_argument("--jsonl", action="store_true", help="read JSON lines from stdin")
    parse.add_argument("text", nargs="*")
    worker = sub.add_parser("worker", help="run an RQ worker (with RQ's scheduler)")
    worker.add_argument("--burst", action="store_true", help="stop when the queue is empty")
    sub.add_parser("scheduler", help="run the periodic reconciler (one per deployment)")
    failed = sub.add_parser("failed", help="list failed deliveries (the dead letter)")
    failed.add_argument("action", nargs="?", choices=["list", "retry"], default="list")
    db = sub.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade", "current"])
    db.add_argument("revision", nargs="?", default=None)
    keys = sub.add_parser("keys", help="encryption keys of stored tokens")
    keys.add_argument("action", choices=["rotate"],
                      help="re-encrypt stored Slack tokens with the first of NUDGE_ENCRYPTION_KEYS")
    return parser


if __name__ == "__main__":
    sys.exit(main())
