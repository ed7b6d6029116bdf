"""Compare SQL schedules with queued work and re-enqueue what Redis lacks."""

from __future__ import annotations

import logging

from core.occurrences import Occurrence
from core.services.context import Deps

logger = logging.getLogger(__name__)


async def reconcile(deps: Deps) -> int:
    """Queue every occurrence due within the horizon that the queue does not hold."""
    now = deps.clock.now()
    async with deps.uow() as uow:
        due = await uow.reminders.due(now + deps.horizon)
    occurrences = [
        Occurrence(r.schedule_id, r.next_at)
        for r in due
        if r.schedule_id is not None and r.next_at is not None
    ]
    missing = await deps.queue.missing(occurrences)
    if missing:
        await deps.queue.schedule(missing)
        logger.info("reconciler queued %d missing occurrences", len(missing))
    return len(missing)
