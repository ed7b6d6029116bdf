"""Compare SQL with queued work: re-queue missing wake-ups and the claims of dead workers."""

from __future__ import annotations

import logging

from core.services.deps import Deps

logger = logging.getLogger(__name__)


async def reconcile(deps: Deps) -> int:
    """Queue what Redis lacks; returns how many occurrences (due soon or stale) were queued.

    Due-soon rows need their second's wake-up, overdue ones included (the wake-up then runs
    at once and sweeps every due row). A claim older than the lease, or a retry whose job
    was lost with Redis, gets a retry job; the job's take-over re-checks the lease in SQL,
    so a second reconciler racing this one cannot make it send twice.
    """
    now = deps.clock.now()
    async with deps.uow() as uow:
        due = await uow.schedules.due_occurrences(now + deps.horizon)
        stale = await uow.deliveries.stale(now - deps.lease)
    missing = await deps.queue.missing(due)
    if missing:
        await deps.queue.schedule(missing)
        logger.info("reconciler queued %d missing occurrences", len(missing))
    for delivery in stale:
        await deps.queue.retry(delivery.occurrence, attempt=delivery.attempts, after=0.0)
    if stale:
        logger.warning("reconciler took over %d stale claims", len(stale))
    return len(missing) + len(stale)
