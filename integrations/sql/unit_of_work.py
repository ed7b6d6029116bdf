"""SqlUnitOfWork: one AsyncSession per use case; commit explicitly, rollback on exit."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.ports import (
    DeliveryRepository,
    GoalLogRepository,
    HabitLogRepository,
    PersonRepository,
    ReminderRepository,
    ScheduleRepository,
)
from core.reminders import ReminderBook
from integrations.sql.repositories import (
    SqlDeliveryRepository,
    SqlGoalLogRepository,
    SqlHabitLogRepository,
    SqlPersonRepository,
    SqlScheduleRepository,
)


class SqlUnitOfWork:
    """Satisfies core.ports.UnitOfWork; repositories exist only inside `async with`."""

    # Typed as the ports: the Protocol's attributes are mutable, hence invariant.
    schedules: ScheduleRepository
    reminders: ReminderRepository
    deliveries: DeliveryRepository
    people: PersonRepository
    habits: HabitLogRepository
    goals: GoalLogRepository

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> SqlUnitOfWork:
        if self._session is not None:
            raise RuntimeError("a SqlUnitOfWork is not re-entrant; make a new one")
        self._session = self._session_factory()
        self.schedules = SqlScheduleRepository(self._session)
        self.reminders = ReminderBook(self.schedules)
        self.deliveries = SqlDeliveryRepository(self._session)
        self.people = SqlPersonRepository(self._session)
        self.habits = SqlHabitLogRepository(self._session)
        self.goals = SqlGoalLogRepository(self._session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._active(), None
        try:
            # After a commit there is nothing left to undo; otherwise this drops the work.
            await session.rollback()
        finally:
            await session.close()

    async def commit(self) -> None:
        await self._active().commit()

    async def rollback(self) -> None:
        await self._active().rollback()

    def _active(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("use the unit of work inside `async with`")
        return self._session


def make_uow_factory(engine: AsyncEngine) -> Callable[[], SqlUnitOfWork]:
    """A factory of units of work sharing `engine`'s pool (a core.ports.UnitOfWorkFactory)."""
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    return lambda: SqlUnitOfWork(sessions)
