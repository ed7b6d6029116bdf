"""The composition root: build(settings) -> Nudge. The only module that wires every package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from redis import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.console.sender import ConsoleChannelAccess, ConsoleSender
from bot.senders import PlatformAccess, PlatformSenders
from bot.settings import Settings
from core.ids import Platform
from core.occurrences import Occurrence
from core.ports import ChannelAccess, ChatSender, Clock
from core.services import delivery, reconcile
from core.services.context import Deps
from core.services.dispatch import Dispatcher
from integrations.clock import SystemClock
from integrations.sql.engine import create_engine
from integrations.sql.unit_of_work import make_uow_factory
from jobs.queue import RqJobQueue


@dataclass
class Nudge:
    """Everything one process needs, built from settings; `aclose()` releases it."""

    settings: Settings
    deps: Deps
    dispatcher: Dispatcher
    engine: AsyncEngine
    redis: Redis

    async def deliver(self, occurrence: Occurrence) -> None:
        await delivery.deliver(self.deps, occurrence)

    async def reconcile(self) -> int:
        return await reconcile.reconcile(self.deps)

    async def aclose(self) -> None:
        await self.engine.dispose()
        self.redis.close()


def build(
    settings: Settings,
    *,
    redis_url: str,
    clock: Clock | None = None,
    senders: dict[Platform, ChatSender] | None = None,
    access: dict[Platform, ChannelAccess] | None = None,
) -> Nudge:
    """Wire adapters into services. Tests pass a clock and senders for what they cannot reach."""
    engine = create_engine(settings.sqlalchemy_url)
    redis = Redis.from_url(redis_url)
    deps = Deps(
        uow=make_uow_factory(engine),
        clock=clock or SystemClock(),
        queue=RqJobQueue(redis),
        sender=PlatformSenders(senders or default_senders(settings)),
        access=PlatformAccess(access or default_access(settings)),
        default_zone=settings.default_timezone,
        horizon=timedelta(minutes=settings.horizon_minutes),
        grace=timedelta(minutes=settings.grace_minutes),
    )
    return Nudge(settings, deps, Dispatcher(deps), engine, redis)


def default_senders(settings: Settings) -> dict[Platform, ChatSender]:
    return {Platform.CONSOLE: ConsoleSender()}


def default_access(settings: Settings) -> dict[Platform, ChannelAccess]:
    return {Platform.CONSOLE: ConsoleChannelAccess()}
