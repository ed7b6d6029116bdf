"""A real worker process for the fault tests: `python -m tests.faults.worker_entry`.

Reads DATABASE_URL, REDIS_URL, CHAT_API_URL, NUDGE_LEASE_SECONDS, NUDGE_FAULT (tests.faults.rigging)
and WORKER_BURST; sends Telegram chats through BotApiSender to the fake chat API.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from datetime import timedelta

from bench.common import BotApiSender
from bot.main import Nudge, build
from bot.settings import Settings
from core.ids import Platform
from jobs.worker import run_worker
from tests.faults.rigging import with_faults


def services() -> Nudge:
    settings = Settings(database_url=os.environ["DATABASE_URL"])
    sender = BotApiSender(os.environ["CHAT_API_URL"])
    nudge = build(settings, redis_url=os.environ["REDIS_URL"],
                  senders={Platform.TELEGRAM: sender}, limits={})
    lease = timedelta(seconds=float(os.environ.get("NUDGE_LEASE_SECONDS", "90")))
    nudge.deps = with_faults(replace(nudge.deps, lease=lease), os.environ.get("NUDGE_FAULT"))
    return nudge


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    run_worker(redis_url=os.environ["REDIS_URL"], services_factory=services,
               burst=os.environ.get("WORKER_BURST", "1") == "1")
