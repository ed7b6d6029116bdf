"""Ports: the Protocols core's use cases need; adapters satisfy them structurally."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, TypeVar, runtime_checkable

from core.goals import ProgressEntry
from core.habits import Break, CheckIn, HabitLog
from core.ids import Actor, ChatRef, ScheduleId, UserRef
from core.language.commands import Target
from core.occurrences import Delivery, Occurrence, Sent
from core.people import Person
from core.reminders import Reminder
from core.replies import Reply, SentMessage
from core.schedules import Schedule


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class ScheduleRepository(Protocol):
    """Every kind's schedules; the engine's one store. Payloads are stored as their kind says."""

    async def add(self, schedule: Schedule) -> Schedule:
        """Store a new schedule; returns it with id, number and created_at set."""
        ...

    async def get(self, schedule_id: ScheduleId) -> Schedule | None: ...

    async def by_number(self, owner: UserRef, number: int) -> Schedule | None: ...

    async def list_for(
        self, owner: UserRef, *, kinds: Collection[str] | None = None, live_only: bool = True
    ) -> list[Schedule]:
        """The owner's schedules by number (of `kinds`, if given); live ones unless told."""
        ...

    async def save(self, schedule: Schedule) -> None:
        """Write state, next_at, recurrence, payload and skipped occurrences of a stored one."""
        ...

    async def count_live(self, *, owner: UserRef | None = None, chat: ChatRef | None = None) -> int:
        """Live (active or paused) schedules of any kind `owner` has, or `chat` gets (quotas)."""
        ...

    async def save_many(self, schedules: Sequence[Schedule]) -> None:
        """Write next_at and state of many stored schedules, in one statement."""
        ...

    async def due(self, until: datetime, *, limit: int = 10_000) -> list[Schedule]:
        """Active schedules whose next instant is at or before `until`, earliest first."""
        ...

    async def claimable(self, until: datetime, *, limit: int) -> list[Schedule]:
        """Like `due`, but rows another transaction is claiming are skipped (SKIP LOCKED)."""
        ...

    async def due_occurrences(self, until: datetime) -> list[Occurrence]:
        """(schedule, next instant) of every active schedule due at or before `until`."""
        ...

    async def last_delivered(self, owner: UserRef, *, kinds: Collection[str]) -> Schedule | None:
        """The owner's schedule (of `kinds`) with the most recent sent delivery."""
        ...

    async def deactivate_chat(self, chat: ChatRef) -> int:
        """Mark every live schedule delivered to `chat` inactive; returns how many."""
        ...

    async def move_chat(self, old: ChatRef, new: ChatRef) -> int:
        """Point every schedule of `old` at `new` (a group became a supergroup); how many."""
        ...


class ReminderRepository(Protocol):
    """Reminders and posts: a typed view of their schedules (core.reminders.ReminderBook)."""

    async def add(self, reminder: Reminder) -> Reminder:
        """Store a new reminder; returns it with schedule_id, number and created_at set."""
        ...

    async def get(self, owner: UserRef, number: int) -> Reminder | None: ...

    async def get_by_schedule(self, schedule_id: ScheduleId) -> Reminder | None: ...

    async def list_for(self, owner: UserRef, *, live_only: bool = True) -> list[Reminder]:
        """The owner's reminders by number; live ones (active or paused) unless told."""
        ...

    async def save(self, reminder: Reminder) -> None:
        """Write state, next_at and recurrence of an existing reminder."""
        ...

    async def due(self, until: datetime, *, limit: int = 10_000) -> list[Reminder]:
        """Active reminders whose next instant is at or before `until`, earliest first."""
        ...

    async def claimable(self, until: datetime, *, limit: int) -> list[Reminder]:
        """Like `due`, but rows another transaction is claiming are skipped (SKIP LOCKED)."""
        ...

    async def due_occurrences(self, until: datetime) -> list[Occurrence]:
        """(schedule, next instant) of every active reminder due at or before `until`."""
        ...

    async def save_many(self, reminders: Sequence[Reminder]) -> None:
        """`save` for many stored reminders, in one statement."""
        ...

    async def last_delivered(self, owner: UserRef) -> Reminder | None:
        """The owner's reminder with the most recent sent delivery (what "snooze" means)."""
        ...

    async def deactivate_chat(self, chat: ChatRef) -> int:
        """Mark every live reminder delivered to `chat` inactive; returns how many."""
        ...

    async def move_chat(self, old: ChatRef, new: ChatRef) -> int:
        """Point every reminder of `old` at `new` (a group became a supergroup); how many."""
        ...


class DeliveryRepository(Protocol):
    async def claim(self, occurrence: Occurrence, *, now: datetime) -> bool:
        """Insert the occurrence's delivery row; False if one exists (someone else has it)."""
        ...

    async def complete(
        self, occurrence: Occurrence, *, now: datetime, message_id: str | None, late_seconds: float
    ) -> None: ...

    async def release(self, occurrence: Occurrence) -> None:
        """Drop a claim whose send failed transiently, so that a retry can claim it again."""
        ...

    async def skip(self, occurrence: Occurrence, *, now: datetime) -> None:
        """Record an occurrence that was too late to send."""
        ...

    async def for_schedule(self, schedule_id: ScheduleId) -> list[Delivery]: ...

    async def claim_many(
        self, occurrences: Sequence[Occurrence], *, now: datetime
    ) -> list[Occurrence]:
        """Insert a claim for each, in one statement; returns those this call won."""
        ...

    async def take_over(
        self, occurrence: Occurrence, *, now: datetime, stale_before: datetime
    ) -> Delivery | None:
        """Claim an existing retrying or failed row, or a claim older than `stale_before`.

        Returns the row as it was (its attempts) when this call won it, else None.
        """
        ...

    async def complete_many(self, sent: Sequence[Sent]) -> None:
        """Mark claimed deliveries sent, in one statement."""
        ...

    async def skip_many(self, occurrences: Sequence[Occurrence], *, now: datetime) -> None: ...

    async def retry_later(self, occurrence: Occurrence, *, now: datetime, attempts: int) -> None:
        """Mark a claimed delivery retrying after `attempts` failed attempts."""
        ...

    async def fail(self, occurrence: Occurrence, *, now: datetime) -> None:
        """Mark a delivery failed: retries are exhausted (its job is in the dead letter)."""
        ...

    async def renew(self, occurrences: Sequence[Occurrence], *, now: datetime) -> None:
        """Refresh the claims this worker still holds, so that none looks abandoned."""
        ...

    async def stale(self, before: datetime, *, limit: int = 1000) -> list[Delivery]:
        """Claimed or retrying deliveries last touched before `before` (their worker died)."""
        ...


class PersonRepository(Protocol):
    async def get(self, user: UserRef) -> Person | None: ...

    async def many(self, users: Collection[UserRef]) -> dict[UserRef, Person]:
        """Each of `users` that is stored (one query for a batch: language, zone)."""
        ...

    async def save(self, person: Person) -> None:
        """Insert or update the person (time zone, display name)."""
        ...


class UnitOfWork(Protocol):
    """One transaction per use case: commit explicitly, rollback on exit otherwise."""

    schedules: ScheduleRepository
    reminders: ReminderRepository
    deliveries: DeliveryRepository
    people: PersonRepository
    habits: HabitLogRepository
    goals: GoalLogRepository

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class JobQueue(Protocol):
    """Work due soon, held in Redis. Job ids are deterministic, so every call is idempotent."""

    async def schedule(self, occurrences: Sequence[Occurrence]) -> None:
        """Make sure a delivery runs at each occurrence's instant (at once if already due)."""
        ...

    async def unschedule(self, occurrences: Sequence[Occurrence]) -> None: ...

    async def wake_now(self, count: int) -> None:
        """Queue up to `count` wake-ups to run at once, so idle workers join a large batch."""
        ...

    async def missing(self, occurrences: Sequence[Occurrence]) -> list[Occurrence]:
        """Those of `occurrences` that the queue does not hold."""
        ...

    async def retry(self, occurrence: Occurrence, *, attempt: int, after: float | None,
                    deferred: bool = False) -> bool:
        """Queue attempt number `attempt` (1 is the first retry) per the retry policy.

        `after` (a Retry-After, in seconds) overrides the policy's delay. Returns False, queueing
        nothing, when the policy allows no such attempt. `deferred`: the same attempt again,
        later (a rate limit's slot), as a job of its own.
        """
        ...


class ChatSender(Protocol):
    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        """Post reply to chat. Raises RetryLater or TargetGone, never a platform error."""
        ...


@runtime_checkable
class SentLookup(Protocol):
    """A sender that can tell whether a keyed message already reached a chat."""

    async def find_sent(self, chat: ChatRef, key: str, since: datetime) -> SentMessage | None:
        """The message sent to `chat` with `key` at or after `since`, if the platform has one."""
        ...


T = TypeVar("T")


class Pacer(Protocol):
    """The rate limits every sender shares, for an adapter's replies (jobs.limits.RateLimiter)."""

    async def call(self, chat: ChatRef, send: Callable[[], Awaitable[T]]) -> T:
        """Run `send` in the chat's next free slot; after a RetryLater (a 429) wait and run it
        again, within a bounded time, then let the RetryLater through."""
        ...


class ChannelAccess(Protocol):
    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        """The chat a target names for this actor ("me" is where they can be reached).

        Raises NotAllowed when the requester may not post there, NotFound when it does not exist.
        """
        ...


class HabitLogRepository(Protocol):
    """A habit's check-ins (one per local day) and breaks, by its schedule id."""

    async def check_in(self, schedule_id: ScheduleId, day: date, at: datetime) -> bool:
        """Record the day done; False (and nothing changed) when that day already is."""
        ...

    async def uncheck(self, schedule_id: ScheduleId, day: date) -> bool: ...

    async def checkins(self, schedule_id: ScheduleId) -> list[CheckIn]:
        """Every check-in, oldest day first."""
        ...

    async def days(self, schedule_id: ScheduleId) -> list[date]:
        """Every checked-in day, oldest first (`checkins` without the instants: cheaper)."""
        ...

    async def add_break(self, schedule_id: ScheduleId, pause: Break) -> None: ...

    async def breaks(self, schedule_id: ScheduleId) -> list[Break]: ...

    async def end_breaks(self, schedule_id: ScheduleId, last: date) -> None:
        """Cut every break at `last` (a resume): later ones go, longer ones end there."""
        ...

    async def recent(
        self, schedule_ids: Collection[ScheduleId], since: date
    ) -> dict[ScheduleId, HabitLog]:
        """Check-in days from `since` on and breaks still running then, of many habits."""
        ...


class GoalLogRepository(Protocol):
    """A goal's progress entries, by its schedule id."""

    async def add_progress(self, schedule_id: ScheduleId, amount: float, at: datetime) -> int:
        """Store an entry; returns its id."""
        ...

    async def progress(self, schedule_id: ScheduleId) -> list[ProgressEntry]: ...

    async def latest(
        self, schedule_ids: Collection[ScheduleId]
    ) -> tuple[ScheduleId, ProgressEntry] | None:
        """The most recent entry of any of these goals, with its goal."""
        ...

    async def remove(self, entry_id: int) -> bool: ...
