"""Deliver due occurrences: claim their rows in bulk, send, record; one occurrence for retries.

Why batches and not one job per occurrence: an RQ job costs about 5 ms of overhead, which
caps a worker near 200 deliveries a second. Queued jobs are wake-ups instead (one per due
second, see jobs.queue); each runs `deliver_due`, which takes every due row in rounds of
ROUND: one transaction claims the round (one INSERT .. ON CONFLICT DO NOTHING) and moves
each schedule to its next instant, then the sends go out concurrently (core.services.sends).

Why the schedule advances at claim time, before the send: a claimed occurrence then never
matches the due sweep again, so concurrent sweeps need no join against deliveries, and the
occurrence lives on in its delivery row alone (retries, stale claims) while the schedule
carries on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from core.errors import RetryLater
from core.occurrences import Occurrence, lateness
from core.ports import UnitOfWork
from core.recurrence import iter_instants, next_instant
from core.schedules import Schedule, State
from core.services.deps import Deps
from core.services.sends import CONCURRENCY, Claimed, Report, Sending, send_all

logger = logging.getLogger(__name__)

# Due rows per claim transaction: what one worker sends at once. A larger round let the
# first worker claim a whole burst that it then sent `CONCURRENCY` at a time while its
# siblings woke to find nothing (bench.burst at 1 s latency: 1, 2 and 4 workers all ~100/s).
ROUND: Final = CONCURRENCY
SIBLINGS: Final = 7  # wake-ups queued for other workers when one round cannot take it all
# A worker down for months under an every-minute rule must not walk its whole backlog.
MAX_COLLAPSE_STEPS: Final = 100_000
# A retry still goes out for these; a cancelled, paused or inactive schedule's does not.
SENDABLE: Final = (State.ACTIVE, State.DONE)


@dataclass(frozen=True)
class _Plan:
    """What the misfire policy decided for one due schedule."""

    schedule: Schedule
    occurrence: Occurrence  # the latest due instant (older ones collapse into it)
    late_by: timedelta
    skipped: bool  # the owner skipped this occurrence: record it, send nothing
    advanced: Schedule  # the schedule moved past the occurrence


async def deliver_due(
    deps: Deps, *, limit: int = ROUND, concurrency: int = CONCURRENCY
) -> Report:
    """Deliver every occurrence due now, round after round, until none is left."""
    report = Report()
    woken = False
    async with Sending(deps, report, concurrency=concurrency) as sending:
        while True:
            claimed, selected = await _claim_due(deps, deps.clock.now(), limit)
            if selected == limit and not woken:
                # More is due than one round: let every idle worker sweep beside this one.
                await deps.queue.wake_now(SIBLINGS)
                woken = True
            await sending.add(claimed)
            if selected < limit or deps.stopping():
                break  # none left, or asked to stop: what is unclaimed stays for a sibling
            # Claim the next round while this one is in flight (a claim takes 50-200 ms on a
            # busy loop; claimed at half a round left, the sends ran dry meanwhile: 2 workers
            # 1,783/s, vs 2,157/s at a round left), holding at most two rounds: what is left
            # unclaimed is a sibling's to take.
            await sending.drained_to(limit)
            if deps.stopping():
                break
    if report.sent or report.skipped or report.retrying:
        logger.info("delivered %d, skipped %d, retrying %d", report.sent, report.skipped,
                    report.retrying)
    return report


async def deliver(deps: Deps, occurrence: Occurrence, *, attempt: int = 0) -> None:
    """Deliver one occurrence: a retry's, a dead worker's claim, or a due one's.

    Raises RetryLater when the retries are exhausted, so that the job calling it lands in
    the failed registry (`nudge failed`).
    """
    now = deps.clock.now()
    report = Report()
    async with deps.uow() as uow:
        claimed, advanced = await _take(uow, deps, occurrence, now)
        await uow.commit()
    if claimed and claimed.attempts != attempt:
        logger.info("%s: attempt %d (row says %d)", occurrence.key, attempt, claimed.attempts)
    await _queue_next(deps, advanced)
    report.add(await send_all(deps, [claimed] if claimed else [], concurrency=1))
    if report.exhausted:
        raise RetryLater(f"{occurrence.key}: retries exhausted", after=0)


async def _take(
    uow: UnitOfWork, deps: Deps, occurrence: Occurrence, now: datetime
) -> tuple[Claimed | None, list[Schedule]]:
    """The claim of a retrying, failed or dead worker's row, else of the due occurrence."""
    schedule = await uow.schedules.get(occurrence.schedule_id)
    if schedule is None:
        return None, []
    row = await uow.deliveries.take_over(occurrence, now=now, stale_before=now - deps.lease)
    if row is None:
        if not _is_current(schedule, occurrence):
            return None, []  # a stale job: sent, skipped, moved, or another worker's now
        claimed, advanced = await _claim(uow, [schedule], now)
        return (claimed[0] if claimed else None), advanced
    if schedule.state not in SENDABLE:
        await uow.deliveries.skip(occurrence, now=now)
        return None, []
    late_by = lateness(occurrence.instant, now).total_seconds()
    return Claimed(schedule, occurrence, row.attempts, late_by, in_doubt=True), []


async def _claim_due(deps: Deps, now: datetime, limit: int) -> tuple[list[Claimed], int]:
    """One round: claim up to `limit` due rows and advance their schedules, in one commit."""
    async with deps.uow() as uow:
        due = await uow.schedules.claimable(now, limit=limit)
        claimed, advanced = await _claim(uow, due, now)
        await uow.commit()
    await _queue_next(deps, advanced)
    return claimed, len(due)


async def _claim(
    uow: UnitOfWork, due: Sequence[Schedule], now: datetime
) -> tuple[list[Claimed], list[Schedule]]:
    """Claim each due occurrence (late ones too: the sender words them), advance them all.

    Nothing is dropped for being late: within the grace window it goes out as usual, later
    marked late, and past the late limit as a notice of what was missed (core.services.sends).
    """
    plans = [_plan(schedule, now) for schedule in due]
    wanted = [p for p in plans if not p.skipped]
    won = set(await uow.deliveries.claim_many([p.occurrence for p in wanted], now=now))
    await uow.deliveries.skip_many([p.occurrence for p in plans if p.skipped], now=now)
    # Every selected schedule moves on, a lost claim's too: its row proves that occurrence
    # was handled, and leaving next_at behind would select it again at once.
    await uow.schedules.save_many([p.advanced for p in plans])
    claimed = [Claimed(p.schedule, p.occurrence, 0, p.late_by.total_seconds())
               for p in wanted if p.occurrence in won]
    return claimed, [p.advanced for p in plans]


async def _queue_next(deps: Deps, advanced: list[Schedule]) -> None:
    """Queue the wake-ups of the schedules just moved on (after their commit)."""
    until = deps.clock.now() + deps.horizon
    soon = [Occurrence(s.id, s.next_at) for s in advanced
            if s.state is State.ACTIVE and s.id is not None
            and s.next_at is not None and s.next_at <= until]
    if soon:
        await deps.queue.schedule(soon)


def _plan(schedule: Schedule, now: datetime) -> _Plan:
    assert schedule.id is not None
    assert schedule.next_at is not None
    instant = _latest_due(schedule, now)
    return _Plan(
        schedule=schedule,
        occurrence=Occurrence(schedule.id, instant),
        late_by=lateness(instant, now),
        skipped=instant in schedule.skipped,
        advanced=schedule.advanced(next_instant(schedule.recurrence, instant)),
    )


def _is_current(schedule: Schedule, occurrence: Occurrence) -> bool:
    return schedule.state is State.ACTIVE and schedule.next_at == occurrence.instant


def _latest_due(schedule: Schedule, now: datetime) -> datetime:
    """Misfire policy: of the instants already due, only the latest is sent."""
    assert schedule.next_at is not None
    latest = schedule.next_at
    for step, instant in enumerate(iter_instants(schedule.recurrence, latest)):
        if instant > now or step >= MAX_COLLAPSE_STEPS:
            break
        latest = instant
    return latest
