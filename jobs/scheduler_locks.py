"""RQ scheduler locks left by a scheduler process that died on this machine, taken over at once."""

from __future__ import annotations

import logging
import socket

from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler
from rq.scripts import release_lock

from jobs.lifetimes import is_alive

logger = logging.getLogger(__name__)


def take_over_dead_locks(mover: RQScheduler) -> list[str]:
    """Release the queue locks whose holder was a process of this host that is gone.

    RQ's lock outlives a killed scheduler by its 61 s TTL, and nothing moves due jobs
    meanwhile. The holder's own record (rq:scheduler:<name>) says its host and pid; when
    the host is ours and the pid is dead, nobody holds the lock in truth. The release is
    checked against the holder's name, so a lock someone else took meanwhile stays.
    """
    redis = mover.connection
    freed = []
    for queue in sorted(mover._queue_names - mover.acquired_locks):
        key = mover.get_locking_key(queue)
        holder = redis.get(key)
        if holder is None:
            continue
        if not _is_dead_here(redis.hgetall(SCHEDULER_KEY_TEMPLATE % _text(holder))):
            continue
        if release_lock(redis, key, _text(holder)):
            logger.warning("took over the scheduler lock of %s from dead scheduler %s",
                           queue, _text(holder))
            freed.append(queue)
    return freed


def _is_dead_here(record: dict[bytes, bytes]) -> bool:
    host = record.get(b"hostname", b"").decode()
    pid = int(record.get(b"pid", b"0") or 0)
    return bool(host) and host == socket.gethostname() and pid > 0 and not is_alive(pid)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
