"""Worker entry: queues, exception handler, failed-job log line."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from types import TracebackType
from typing import Final

from redis import Redis
from redis.exceptions import RedisError
from rq.defaults import DEFAULT_LOGGING_DATE_FORMAT, DEFAULT_LOGGING_FORMAT
from rq.job import Job
from rq.serializers import JSONSerializer
from rq.worker import SimpleWorker

from jobs import worker_services
from jobs.chat_tasks import CHAT_QUEUE
from jobs.queue import DELIVERY_QUEUE
from jobs.scheduler import NudgeScheduler
from jobs.worker_services import WorkerServices

logger = logging.getLogger(__name__)

WORKER_QUEUES: Final = (CHAT_QUEUE, DELIVERY_QUEUE)
# How long the command-channel thread blocks per read (RQ: 60 s). It ends only between reads,
# so this bounds how long a stopping worker can wait for it.
PUBSUB_POLL: Final = 0.5
# RQ's work loop quits on a Redis timeout or any unhandled error; run_worker starts it again
# after 1, 2, 4 .. s, at most this long.
MAX_RESTART_DELAY: Final = 30.0


def lower_priority(niceness: int) -> int:
    """Run this process (and what it forks) at `niceness`, never above the one it has: the
    acks a web process owes are the latency-critical path, a delivery has a second to spare.
    Returns the niceness now."""
    current = os.nice(0)
    if niceness > current:
        current = os.nice(niceness - current)
    return current


def run_worker(
    *,
    redis_url: str,
    services_factory: Callable[[], WorkerServices],
    queues: Sequence[str] = WORKER_QUEUES,
    burst: bool = False,
    with_scheduler: bool = True,
    name: str | None = None,
) -> None:
    """Work the queues until stopped (or, in burst mode, until they are empty).

    with_scheduler: RQ's scheduler moves due jobs from the scheduled registry to the queue
    every MOVE_INTERVAL (RQ's default is 1 s, which alone would spend the 1 s lateness
    budget), so a wake-up starts within 0.2 s of its second; its Redis lock keeps one
    scheduler per queue however many workers start.
    """
    worker_services.install(services_factory)
    try:
        with Redis.from_url(redis_url) as redis, _restored_signal_handlers():
            _work_until_stopped(redis, queues=queues, name=name, burst=burst,
                                with_scheduler=with_scheduler)
    finally:
        worker_services.shutdown()


def _work_until_stopped(redis: Redis, *, queues: Sequence[str], name: str | None, burst: bool,
                        with_scheduler: bool) -> None:
    """RQ's work loop, started again when it quits on its own (a Redis timeout, a bug)."""
    failures = 0
    parent = os.getppid()
    while True:
        worker = build_worker(redis, queues=queues, name=name, burst=burst)
        try:
            worked = worker.work(burst=burst, with_scheduler=with_scheduler)
        except (RedisError, OSError) as exc:  # raised before RQ's own loop catches anything
            worker.log.warning("worker could not start: %s: %s", type(exc).__name__, exc)
            worked = False
        if burst or worker._shutdown_requested_date is not None:
            return  # asked to stop (SIGTERM, SIGINT), or a burst that ran dry
        if os.getppid() != parent:
            # Our parent (`nudge run`) died: its SIGTERM may have come while RQ's loop was
            # already failing on the Redis that died with it. An orphan never starts again.
            logger.warning("worker's parent is gone; stopping")
            return
        failures = 0 if worked else failures + 1
        delay = min(2.0 ** min(failures, 5), MAX_RESTART_DELAY)
        logger.warning("worker loop ended without a stop request; starting again in %.0fs",
                       delay)
        with _stop_on_signals() as stopping:
            if stopping.wait(delay):
                return


class NudgeWorker(SimpleWorker):
    """RQ's SimpleWorker whose scheduler moves due jobs every 0.2 s, not every 1 s."""

    def _start_scheduler(
        self,
        burst: bool = False,
        logging_level: str | None = "INFO",
        date_format: str = DEFAULT_LOGGING_DATE_FORMAT,
        log_format: str = DEFAULT_LOGGING_FORMAT,
    ) -> None:
        # RQ's own body (rq/worker/base.py), with our scheduler class.
        self.scheduler = NudgeScheduler(
            self.queues, connection=self.connection,
            logging_level=logging_level if logging_level is not None else self.log.level,
            date_format=date_format, log_format=log_format, serializer=self.serializer,
        )
        self.scheduler.acquire_locks()  # type: ignore[no-untyped-call]
        if not self.scheduler.acquired_locks:
            return
        if not burst:
            self.scheduler.start()  # type: ignore[no-untyped-call]
            return
        try:
            self.scheduler.register_birth()
            self.scheduler.enqueue_scheduled_jobs()  # type: ignore[no-untyped-call]
        finally:
            self.scheduler.release_locks()  # type: ignore[no-untyped-call]
            self.scheduler.register_death()


    def subscribe(self) -> None:
        """RQ's subscribe, with a read timeout of PUBSUB_POLL instead of 60 s."""
        self.log.info("Worker %s: subscribing to channel %s", self.name, self.pubsub_channel_name)
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(  # type: ignore[assignment]
            sleep_time=PUBSUB_POLL, daemon=True,
            exception_handler=self._pubsub_exception_handler,
        )

    def _shutdown(self) -> None:
        """Warm shutdown: RQ waits for the running job; tell it to wind down first.

        A delivery pass over a big burst could run for seconds; told, it claims no further
        round and finishes the sends it holds (bounded by one round and a half), so a
        SIGTERM ends the worker within 2 s and the rest is left, unclaimed, for a sibling.
        """
        worker_services.request_stop()
        super()._shutdown()  # type: ignore[no-untyped-call]

    def unsubscribe(self) -> None:
        """Stop the command-channel thread first, then unsubscribe: never a 60 s wait.

        RQ 3 unsubscribes and then stops the thread. When the thread reads the UNSUBSCRIBE
        reply before the stop, redis-py's get_message waits for a new subscription for the
        whole poll time, and PubSubWorkerThread.stop() joins it without a timeout: a
        SIGTERM then took 60 s about half the time under load.
        """
        thread, pubsub = self.pubsub_thread, self.pubsub
        if thread is None or pubsub is None:
            return
        self.log.info("Worker %s: unsubscribing from channel %s", self.name,
                      self.pubsub_channel_name)
        thread.stop(timeout=0)  # only clears its flag; the reply below wakes its read
        with suppress(RedisError, OSError):  # Redis gone: the thread ends at its next poll
            pubsub.unsubscribe()
        thread.join(timeout=PUBSUB_POLL * 2)
        pubsub.close()
        self.pubsub_thread = None


class BurstWorker(NudgeWorker):
    """A worker that stops when the queues are empty, without RQ's command channel: a burst
    needs none, and stopping its pubsub thread waits out a 1 s join in RQ 3."""

    def subscribe(self) -> None:
        pass

    def unsubscribe(self) -> None:
        pass


def build_worker(
    redis: Redis, *, queues: Sequence[str] = WORKER_QUEUES, name: str | None = None,
    burst: bool = False,
) -> SimpleWorker:
    # Worker model: one process, no fork per job, many sends per job. SimpleWorker runs jobs
    # in this process, so the installed services' event loop, engine pool and HTTP sessions
    # stay warm across jobs; the default Worker forks per job and would rebuild them (and lose the
    # loop). Measured here (RQ 3.0, burst of 300 trivial jobs): Worker 50 jobs/s,
    # SimpleWorker 195 jobs/s. Neither is enough as a job per delivery, so a job is a
    # wake-up that delivers a whole second's due rows concurrently (core.services.delivery);
    # more throughput comes from more worker processes, which claim disjoint rows.
    # Chat work is listed first: a person waiting for an answer goes before a delivery burst.
    worker_class = BurstWorker if burst else NudgeWorker
    return worker_class(
        list(queues),
        connection=redis,
        name=name,
        serializer=JSONSerializer,
        exception_handlers=[log_failed_job],
    )


def log_failed_job(
    job: Job, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> bool:
    """One clear line per failed job; RQ itself has already logged the traceback."""
    outcome = "will retry" if job.retries_left else "moved to the failed registry"
    logger.error("job %s failed (%s: %s); %s", job.id, exc_type.__name__, exc, outcome)
    return True  # let RQ's own handling continue


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """While inside: SIGINT/SIGTERM set the event (between two runs of RQ's loop)."""
    stopping = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stopping  # signals reach only the main thread
        return
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in saved:
        signal.signal(sig, lambda *_: stopping.set())
    try:
        yield stopping
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@contextmanager
def _restored_signal_handlers() -> Iterator[None]:
    # RQ installs SIGINT/SIGTERM handlers for warm shutdown; give the caller's back afterwards.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
