"""Scheduler entry: RQ's scheduler (due jobs -> queue) plus the reconcile tick (every 8 s)."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Final

from redis import Redis
from redis.exceptions import RedisError
from rq.queue import Queue
from rq.scheduler import RQScheduler
from rq.serializers import JSONSerializer

from jobs.lifetimes import die_with_parent
from jobs.scheduler_locks import take_over_dead_locks

logger = logging.getLogger(__name__)

RECONCILE: Final = "jobs.tasks.reconcile"
# Seconds between passes of RQ's scheduler (RQ's default is 1 s): a due wake-up starts at
# most this late. A pass is one ZRANGEBYSCORE when nothing is due.
MOVE_INTERVAL: Final = 0.2
# After a failed pass the loop waits 0.2, 0.4, 0.8 .. s, at most this long, before the next.
MAX_BACKOFF: Final = 5.0
# How often a scheduler without RQ's lock tries for it again (RQ itself waits 120 s).
LOCK_RETRY: Final = 1.0
# Seconds between reconcile ticks. A dead worker's claims are taken over at the first tick
# after they age past the lease (core.occurrences.LEASE, 20 s), so its sends go out again
# within LEASE + RECONCILE_INTERVAL + the retry's pick-up (under 1 s): 8 s keeps that under
# the 30 s promised (a 10 s tick could land at 30.5 s). A pass is two indexed queries and one
# Redis round over the rows due within the horizon: 11 ms on PostgreSQL with 100,000 active
# schedules (docs/architecture.md), so running all of it this often costs little.
RECONCILE_INTERVAL: Final = 8


class NudgeScheduler(RQScheduler):
    """RQ's scheduler passing every MOVE_INTERVAL; its lock TTLs keep RQ's whole seconds."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._creator = os.getpid()  # the worker, when work() runs in a forked child

    def work(self) -> None:
        # RQScheduler.work with the sleep shortened (its `interval` also sets lock TTLs in
        # whole seconds, so it stays 1). It runs in a process forked from the worker: a
        # worker killed with SIGKILL takes it along instead of leaving it holding the lock,
        # even one killed before this child asked (then the SIGTERM comes at once).
        self._install_signal_handlers()  # type: ignore[no-untyped-call]
        forked = os.getpid() != self._creator
        die_with_parent(parent=self._creator if forked else None)
        self.register_birth()
        failures = 0
        while not self._stop_requested:
            failures = 0 if _guarded(self._one_pass, "pass") else failures + 1
            time.sleep(_pause(failures, MOVE_INTERVAL))
        _guarded(self.stop, "stop")

    def _one_pass(self) -> None:
        if self.should_reacquire_locks:
            self.acquire_locks()  # type: ignore[no-untyped-call]
        self.heartbeat()  # type: ignore[no-untyped-call]
        self.enqueue_scheduled_jobs()  # type: ignore[no-untyped-call]


class ReconcileTicker:
    """Enqueues jobs.tasks.reconcile once per interval, however many schedulers run.

    Why not RQ's own tools: rq.cron's CronScheduler has no lock (two of them enqueue twice)
    and enqueues with the pickle serializer; a leader lock fails over only after its lease
    (RQ's: 61 s, re-tried every 120 s). Here every scheduler ticks at each interval boundary
    and the tick is claimed with SET NX on a key named by the boundary: Redis lets exactly
    one claimant win, and a dead scheduler costs nothing as long as another one runs.
    """

    def __init__(self, redis: Redis, *, interval_seconds: int = RECONCILE_INTERVAL,
                 queue_name: str = "nudge"):
        self.interval = interval_seconds
        self._redis = redis
        self._queue = Queue(queue_name, connection=redis, serializer=JSONSerializer)

    def tick(self, now: float) -> bool:
        """Enqueue the reconcile job for the interval holding `now` unless one was; True if so."""
        start = int(now // self.interval) * self.interval
        # The claim outlives any plausible clock skew between schedulers.
        claim = self._redis.set(f"nudge:tick:reconcile:{start}", 1, nx=True, ex=self.interval * 5)
        if not claim:
            return False
        self._queue.enqueue(RECONCILE, job_id=f"reconcile-{start}", description="reconcile")
        logger.debug("enqueued reconcile for tick %s", start)
        return True

    def seconds_to_next(self, now: float) -> float:
        return self.interval - now % self.interval


def run_scheduler(
    *,
    redis_url: str,
    interval_seconds: int = RECONCILE_INTERVAL,
    stop_event: threading.Event | None = None,
    queues: Sequence[str] = ("nudge",),
    clock: Callable[[], float] = time.time,
) -> None:
    """Run until stop_event is set (or SIGINT/SIGTERM when none is given).

    The reconcile job is enqueued within a few ms of each interval boundary (the loop sleeps
    until the boundary); due delivery jobs move to the queue within MOVE_INTERVAL.
    """
    stop = stop_event or _stop_on_signals()
    with Redis.from_url(redis_url) as redis:
        ticker = ReconcileTicker(redis, interval_seconds=interval_seconds, queue_name=queues[0])
        mover = RQScheduler(list(queues), connection=redis, serializer=JSONSerializer)
        _guarded(mover.register_birth, "register")
        failures = 0
        try:
            while not stop.is_set():
                failures = 0 if _guarded(lambda: _pass(ticker, mover, clock()), "pass") else (
                    failures + 1)
                stop.wait(_pause(failures, ticker.seconds_to_next(clock())))
        finally:
            # Releases its locks, so a worker's scheduler can take over at once.
            _guarded(mover.stop, "stop")
            mover.connection.close()


def _pause(failures: int, to_next_tick: float) -> float:
    if failures:
        return min(MOVE_INTERVAL * float(2 ** min(failures - 1, 10)), MAX_BACKOFF)
    return min(MOVE_INTERVAL, float(to_next_tick))


def _guarded(step: Callable[[], object], what: str) -> bool:
    """Run one step of the loop; any error is logged and survived. True if it succeeded.

    Every Redis failure counts: a timeout (redis.TimeoutError is not a ConnectionError), a
    reset socket (OSError), a script error after a restart. Anything else is a bug, logged
    with its traceback, and the loop still goes on: a dead scheduler stops every delivery
    set beyond the look-ahead window, which is worse than a noisy log.
    """
    try:
        step()
    except (RedisError, OSError) as exc:
        logger.warning("scheduler %s failed, Redis unreachable or slow: %s: %s", what,
                       type(exc).__name__, exc)
        return False
    except Exception:
        logger.exception("scheduler %s failed unexpectedly; going on", what)
        return False
    return True


def _pass(ticker: ReconcileTicker, mover: RQScheduler, now: float) -> None:
    ticker.tick(now)
    _move_due_jobs(mover)


def _move_due_jobs(mover: RQScheduler) -> None:
    # One pass of RQScheduler.work()'s loop; its Redis lock lets one scheduler per queue move.
    if _wants_locks(mover):
        take_over_dead_locks(mover)
        mover.acquire_locks()  # type: ignore[no-untyped-call]
    mover.heartbeat()  # type: ignore[no-untyped-call]
    mover.enqueue_scheduled_jobs()  # type: ignore[no-untyped-call]


def _wants_locks(mover: RQScheduler) -> bool:
    # RQ retries a lock held by another scheduler only every 120 s; a lock left by a killed
    # scheduler lives 61 s. Try every LOCK_RETRY instead, and take over the dead's at once.
    if mover.acquired_locks == mover._queue_names:
        return False
    last = mover.lock_acquisition_time
    return last is None or (datetime.now() - last).total_seconds() >= LOCK_RETRY  # noqa: DTZ005


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop
