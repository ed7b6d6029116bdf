"""A worker's scheduler process never outlives it, even when the worker dies first."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from jobs.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[2]


def test_a_scheduler_whose_worker_died_before_it_asked_stops_at_once(
        private_redis: EmbeddedRedis) -> None:
    # RQ forks the scheduler from the worker; a worker SIGKILLed before the child asked the
    # kernel for its parent's death signal left it running for ever (an orphan holding the
    # lock and `nudge run`'s pipes). Here the child's creator is a pid that is not its parent
    # (1, init): it must see that at once and stop instead of looping.
    code = textwrap.dedent(f"""
        from redis import Redis
        from rq import Queue
        from jobs.scheduler import NudgeScheduler
        redis = Redis.from_url({private_redis.url!r})
        scheduler = NudgeScheduler([Queue("nudge", connection=redis)], connection=redis)
        scheduler._creator = 1
        scheduler.work()
        print("stopped", flush=True)
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=15)

    assert "stopped" in done.stdout.splitlines(), done.stderr[-2000:]
