"""A benchmark worker process: the real worker, BotApiSender to the fake chat API.

Env: DATABASE_URL, REDIS_URL, CHAT_API_URL, BENCH_LIMITS (1: Telegram's limits; slack:
Slack's, 1/s per chat and nothing bot-wide; else none) and BENCH_WINDOWS (a file to append
each send's accept-to-commit seconds to).
"""

from __future__ import annotations

import os

from bench.common import BotApiSender
from bot.main import Nudge, build
from bot.settings import Settings
from core.ids import Platform
from core.services import delivery
from jobs.limits import DEFAULT_LIMITS, LimitTable
from jobs.worker import run_worker


class BenchNudge(Nudge):
    async def deliver_due(self) -> int:
        report = await delivery.deliver_due(self.deps)
        with open(os.environ["BENCH_WINDOWS"], "a") as out:
            out.writelines(f"{w:.6f}\n" for w in report.windows)
        return report.sent


def services() -> Nudge:
    settings = Settings(database_url=os.environ["DATABASE_URL"])
    limits = limit_table(os.environ.get("BENCH_LIMITS", ""))
    nudge = build(settings, redis_url=os.environ["REDIS_URL"], limits=limits,
                  senders={Platform.TELEGRAM: BotApiSender(os.environ["CHAT_API_URL"])})
    return BenchNudge(**{f: getattr(nudge, f) for f in nudge.__dataclass_fields__})


def limit_table(name: str) -> LimitTable:
    """The bench sends as a Telegram bot; "slack" puts Slack's table on it."""
    if name == "1":
        return DEFAULT_LIMITS
    if name == "slack":
        return {Platform.TELEGRAM: DEFAULT_LIMITS[Platform.SLACK]}
    return {}


if __name__ == "__main__":
    run_worker(redis_url=os.environ["REDIS_URL"], services_factory=services)
