"""A clock that jumps, and daylight-saving days in several zones: each occurrence once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.ids import ChatRef, Platform, Tenant, UserRef
from core.recurrence import next_instant
from core.recurrence.rules import Daily, Recurrence
from core.reminders import Reminder
from core.services.delivery import deliver_due
from core.services.deps import Deps
from jobs.queue import RqJobQueue
from tests.fakes.access import StaticChannelAccess
from tests.fakes.clock import FakeClock
from tests.fakes.sender import RecordingSender

TENANT = Tenant(Platform.TELEGRAM, "777")
OWNER = UserRef(TENANT, "1")

# (zone, local wall time, a day whose clock changes): a gap, two overlaps, one without DST.
DST_DAYS = [
    pytest.param("America/New_York", time(2, 30), datetime(2026, 3, 8), id="new-york-gap"),
    pytest.param("Europe/London", time(1, 30), datetime(2026, 10, 25), id="london-overlap"),
    pytest.param("Australia/Sydney", time(2, 30), datetime(2026, 4, 5), id="sydney-overlap"),
    pytest.param("Asia/Kolkata", time(9, 0), datetime(2026, 3, 29), id="kolkata-none"),
]


class ClockedSender(RecordingSender):
    """RecordingSender that also notes the fake clock's time of each send."""

    def __init__(self) -> None:
        super().__init__()
        self.clock: FakeClock | None = None
        self.sent_at: list[datetime] = []

    async def send(self, chat, reply):
        sent = await super().send(chat, reply)
        self.sent_at.append(self.clock.now())
        return sent


@pytest.fixture
def sender() -> ClockedSender:
    return ClockedSender()


def _deps(uow_factory, redis, clock, sender) -> Deps:
    sender.clock = clock
    return Deps(uow=uow_factory, clock=clock, queue=RqJobQueue(redis), sender=sender,
                access=StaticChannelAccess(set()))


async def _daily(deps: Deps, zone: str, wall: time, start: datetime, what: str) -> Reminder:
    recurrence = Recurrence(Daily(times=(wall,)), zone, start)
    reminder = Reminder(owner=OWNER, chat=ChatRef(TENANT, "42"), target="me", what=what,
                        recurrence=recurrence, next_at=next_instant(recurrence, start))
    async with deps.uow() as uow:
        stored = await uow.reminders.add(reminder)
        await uow.commit()
    return stored


async def _next_due(deps: Deps) -> datetime | None:
    async with deps.uow() as uow:
        due = await uow.reminders.due(datetime(2100, 1, 1, tzinfo=UTC), limit=1)
    return due[0].next_at if due else None


@pytest.mark.parametrize(("zone", "wall", "day"), DST_DAYS)
async def test_a_daily_reminder_fires_once_a_day_across_a_dst_change(
    uow_factory, redis, sender, zone, wall, day
) -> None:
    local = ZoneInfo(zone)
    start = (day - timedelta(days=2)).replace(tzinfo=local).astimezone(UTC)
    clock = FakeClock(start)
    deps = _deps(uow_factory, redis, clock, sender)
    await _daily(deps, zone, wall, start, "stretch")

    for _ in range(5):  # step the clock from one due instant to the next, then a bit past
        clock.current = await _next_due(deps) + timedelta(seconds=1)
        await deliver_due(deps)
        clock.advance(minutes=59)  # an overlap repeats the hour: the wall time comes again
        await deliver_due(deps)

    dates = [at.astimezone(local).date() for at in sender.sent_at]
    assert len(dates) == 5
    assert Counter(dates).most_common(1)[0][1] == 1  # never twice on one local day
    assert dates == sorted(dates)


async def test_a_clock_jumping_forward_sends_the_latest_once_and_skips_the_stale(
    uow_factory, redis, sender
) -> None:
    start = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    clock = FakeClock(start)
    deps = _deps(uow_factory, redis, clock, sender)
    stored = await _daily(deps, "UTC", time(7, 0), start, "run")

    clock.current = stored.next_at + timedelta(days=3, minutes=5)  # jumped 3 days ahead
    await deliver_due(deps)
    clock.current = stored.next_at + timedelta(days=3, minutes=6)
    await deliver_due(deps)

    assert sender.texts == ["⏰ run\n(sent 5 min late)"]


async def test_a_clock_jumping_back_repeats_nothing(uow_factory, redis, sender) -> None:
    start = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    clock = FakeClock(start)
    deps = _deps(uow_factory, redis, clock, sender)
    stored = await _daily(deps, "UTC", time(7, 0), start, "run")
    clock.current = stored.next_at
    await deliver_due(deps)

    clock.current = stored.next_at - timedelta(hours=2)  # NTP stepped the clock back
    await deliver_due(deps)
    clock.current = stored.next_at + timedelta(minutes=1)
    await deliver_due(deps)

    assert sender.texts == ["⏰ run"]
