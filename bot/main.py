"""The composition root: build(settings) -> Nudge. The only module that wires every package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
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
from integrations.crypto import TokenCipher
from integrations.sql.engine import create_engine
from integrations.sql.unit_of_work import make_uow_factory
from jobs.limits import DEFAULT_LIMITS, LimitTable, RateLimitedSender, RateLimiter
from jobs.queue import RqJobQueue


@dataclass
class Nudge:
    """Everything one process needs, built from settings; `aclose()` releases it."""

    settings: Settings
    deps: Deps
    dispatcher: Dispatcher
    engine: AsyncEngine
    redis: Redis
    limits_redis: AsyncRedis | None = None
    cipher: TokenCipher | None = None

    async def deliver_due(self) -> int:
        return (await delivery.deliver_due(self.deps)).sent

    async def deliver(self, occurrence: Occurrence, *, attempt: int = 0) -> None:
        await delivery.deliver(self.deps, occurrence, attempt=attempt)

    async def reconcile(self) -> int:
        return await reconcile.reconcile(self.deps)

    async def aclose(self) -> None:
        await self.engine.dispose()
        self.redis.close()
        if self.limits_redis is not None:
            await self.limits_redis.aclose()


def build(
    settings: Settings,
    *,
    redis_url: str,
    clock: Clock | None = None,
    senders: dict[Platform, ChatSender] | None = None,
    access: dict[Platform, ChannelAccess] | None = None,
    limits: LimitTable = DEFAULT_LIMITS,
) -> Nudge:
    """Wire adapters into services. Tests pass a clock and senders for what they cannot reach."""
    engine = create_engine(settings.sqlalchemy_url)
    redis = Redis.from_url(redis_url)
    # Every outbound message waits for its slot in the rate limits all workers share.
    limits_redis = AsyncRedis.from_url(redis_url)
    sender = RateLimitedSender(PlatformSenders(senders or default_senders(settings)),
                               RateLimiter(limits_redis, limits))
    deps = Deps(
        uow=make_uow_factory(engine),
        clock=clock or SystemClock(),
        queue=RqJobQueue(redis),
        sender=sender,
        access=PlatformAccess(access or default_access(settings)),
        default_zone=settings.default_timezone,
        horizon=timedelta(minutes=settings.horizon_minutes),
        grace=timedelta(minutes=settings.grace_minutes),
    )
    return Nudge(settings, deps, Dispatcher(deps), engine, redis, limits_redis,
                 token_cipher(settings))


def token_cipher(settings: Settings) -> TokenCipher | None:
    """The key ring for OAuth tokens at rest (NUDGE_ENCRYPTION_KEYS, newest first)."""
    keys = settings.encryption_keys
    return TokenCipher.from_setting(keys.get_secret_value()) if keys else None


def default_senders(settings: Settings) -> dict[Platform, ChatSender]:
    senders: dict[Platform, ChatSender] = {Platform.CONSOLE: ConsoleSender()}
    if settings.slack_bot_token or settings.slack_client_id:
        from bot.slack.clients import slack_clients
        from bot.slack.sender import SlackSender

        senders[Platform.SLACK] = SlackSender(slack_clients(settings, token_cipher(settings)))
    if settings.telegram_bot_token:
        from bot.telegram.app import make_bot
        from bot.telegram.sender import TelegramSender

        senders[Platform.TELEGRAM] = TelegramSender(make_bot(settings))
    return senders


def default_access(settings: Settings) -> dict[Platform, ChannelAccess]:
    access: dict[Platform, ChannelAccess] = {Platform.CONSOLE: ConsoleChannelAccess()}
    if settings.slack_bot_token or settings.slack_client_id:
        from bot.slack.access import SlackChannelAccess
        from bot.slack.clients import slack_clients

        access[Platform.SLACK] = SlackChannelAccess(slack_clients(settings, token_cipher(settings)))
    if settings.telegram_bot_token:
        from bot.telegram.app import make_bot
        from bot.telegram.sender import TelegramChannelAccess

        access[Platform.TELEGRAM] = TelegramChannelAccess(make_bot(settings))
    return access
