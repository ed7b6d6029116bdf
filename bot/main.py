"""The composition root: build(settings) -> Nudge. The only module that wires every package."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.console.sender import ConsoleChannelAccess, ConsoleSender
from bot.senders import PlatformAccess, PlatformSenders
from bot.settings import Settings
from core.errors import ConfigError
from core.ids import Platform
from core.occurrences import Occurrence
from core.ports import ChannelAccess, ChatSender, Clock, Pacer
from core.services import delivery, reconcile
from core.services.context import Deps
from core.services.dispatch import Dispatcher
from integrations.clock import SystemClock
from integrations.crypto import TokenCipher
from integrations.sql.engine import create_engine
from integrations.sql.unit_of_work import make_uow_factory
from jobs.chat_tasks import RqChatQueue
from jobs.limits import DEFAULT_LIMITS, LimitTable, RateLimitedSender, RateLimiter
from jobs.queue import RqJobQueue

if TYPE_CHECKING:
    from bot.slack.clients import SlackClients


class ChatWork(Protocol):
    async def perform(self, payload: dict[str, Any]) -> None:
        """Do the work a chat adapter queued after its ack."""
        ...


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
    chat_queue: RqChatQueue | None = None
    chat_work: dict[str, ChatWork] = field(default_factory=dict)  # platform -> its work
    adapters: list[object] = field(default_factory=list)  # built here; closed by aclose()
    pacer: Pacer | None = None  # the shared rate limits, for the chat adapters' replies

    async def deliver_due(self) -> int:
        return (await delivery.deliver_due(self.deps)).sent

    async def deliver(self, occurrence: Occurrence, *, attempt: int = 0) -> None:
        await delivery.deliver(self.deps, occurrence, attempt=attempt)

    async def reconcile(self) -> int:
        return await reconcile.reconcile(self.deps)

    async def hand_off_chat(self, platform: str, payload: dict[str, Any],
                            job_id: str) -> None:
        """Queue a chat event's work for a worker; the web process only acknowledges."""
        queue = self.chat_queue or RqChatQueue(self.redis)
        await queue.enqueue(platform, payload, job_id=job_id)

    async def handle_chat(self, platform: str, payload: dict[str, Any]) -> None:
        """Run, in a worker, the work that hand_off_chat queued."""
        work = self.chat_work.get(platform)
        if work is None:
            raise ConfigError(f"{platform} work reached a worker without {platform} settings "
                              "(SLACK_BOT_TOKEN or SLACK_CLIENT_ID)")
        await work.perform(payload)

    async def aclose(self) -> None:
        for adapter in self.adapters:
            aclose = getattr(adapter, "aclose", None)
            if aclose is not None:
                await aclose()
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
    slack = _slack_clients(settings)  # one HTTP session per loop for sender, access and work
    adapters: list[object] = [slack] if slack else []
    if senders is None:
        senders = default_senders(settings, slack=slack)
        adapters += senders.values()
    if access is None:
        access = default_access(settings, slack=slack)
        adapters += access.values()
    limiter = RateLimiter(limits_redis, limits)
    sender = RateLimitedSender(PlatformSenders(senders), limiter)
    deps = Deps(
        uow=make_uow_factory(engine),
        clock=clock or SystemClock(),
        queue=RqJobQueue(redis),
        sender=sender,
        access=PlatformAccess(access),
        default_zone=settings.default_timezone,
        horizon=timedelta(minutes=settings.horizon_minutes),
        grace=timedelta(minutes=settings.grace_minutes),
        late_limit=timedelta(hours=settings.late_limit_hours),
    )
    dispatcher = Dispatcher(deps)
    return Nudge(settings, deps, dispatcher, engine, redis, limits_redis, token_cipher(settings),
                 chat_queue=RqChatQueue(redis),
                 chat_work=_chat_work(settings, dispatcher, slack, pacer=limiter),
                 adapters=adapters, pacer=limiter)


def _slack_clients(settings: Settings) -> SlackClients | None:
    if not (settings.slack_bot_token or settings.slack_client_id):
        return None
    from bot.slack.clients import slack_clients

    return slack_clients(settings, token_cipher(settings))


def _chat_work(settings: Settings, dispatcher: Dispatcher, slack: SlackClients | None, *,
               pacer: Pacer | None = None) -> dict[str, ChatWork]:
    """What a worker runs for each chat platform's queued events."""
    if slack is None:
        return {}
    from bot.slack.work import SlackWork

    return {"slack": SlackWork(handle=dispatcher.handle, deps=dispatcher.deps, clients=slack,
                               command=settings.slack_command, pacer=pacer)}


def token_cipher(settings: Settings) -> TokenCipher | None:
    """The key ring for OAuth tokens at rest (NUDGE_ENCRYPTION_KEYS, newest first)."""
    keys = settings.encryption_keys
    return TokenCipher.from_setting(keys.get_secret_value()) if keys else None


def default_senders(settings: Settings, *,
                    slack: SlackClients | None = None) -> dict[Platform, ChatSender]:
    senders: dict[Platform, ChatSender] = {Platform.CONSOLE: ConsoleSender()}
    slack = slack or _slack_clients(settings)
    if slack is not None:
        from bot.slack.sender import SlackSender

        senders[Platform.SLACK] = SlackSender(slack)
    if settings.telegram_bot_token:
        from bot.telegram.app import make_bot
        from bot.telegram.sender import TelegramSender

        senders[Platform.TELEGRAM] = TelegramSender(make_bot(settings))
    return senders


def default_access(settings: Settings, *,
                   slack: SlackClients | None = None) -> dict[Platform, ChannelAccess]:
    access: dict[Platform, ChannelAccess] = {Platform.CONSOLE: ConsoleChannelAccess()}
    slack = slack or _slack_clients(settings)
    if slack is not None:
        from bot.slack.access import SlackChannelAccess

        access[Platform.SLACK] = SlackChannelAccess(slack)
    if settings.telegram_bot_token:
        from bot.telegram.app import make_bot
        from bot.telegram.sender import TelegramChannelAccess

        access[Platform.TELEGRAM] = TelegramChannelAccess(make_bot(settings))
    return access
