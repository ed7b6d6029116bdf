"""The composition root: build(settings) -> Nudge. The only module that wires every package.

Adapters get the narrow parts they use (the dispatcher's handle, a sender, a deduper, a
hand-off, a store), never the Nudge object; slack_app() and telegram_runtime() hand them over.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Final

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.console.away import AwayBox
from bot.console.choices import DeliveredChoices
from bot.console.sender import ConsoleChannelAccess, ConsoleSender
from bot.senders import PlatformAccess, PlatformSenders
from bot.settings import Settings, load_button_key
from core.buttons import ButtonCodec, SealingSender
from core.errors import ConfigError
from core.ids import Platform
from core.occurrences import Occurrence
from core.ports import ChannelAccess, ChatSender, Clock, Pacer
from core.services import delivery, reconcile
from core.services.deps import Deps
from core.services.dispatch import Dispatcher
from integrations.command_rate import RedisCommandRate
from integrations.crypto import TokenCipher
from integrations.redis.connections import is_up, quick_async_redis, quick_redis
from integrations.redis.dedupe import RedisDeduper
from integrations.slack.installations import EncryptedInstallationStore
from integrations.sql.engine import create_engine
from integrations.sql.unit_of_work import make_uow_factory
from integrations.system_clock import SystemClock
from jobs import worker_services
from jobs.chat_tasks import ChatHandOff, ChatWork, RqChatQueue, WebJobQueue
from jobs.limits import DEFAULT_LIMITS, LimitTable, RateLimitedSender, RateLimiter
from jobs.queue import RqJobQueue

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from bot.slack.clients import SlackClients
    from bot.telegram.runner import TelegramRuntime

SLACK_EVENTS: Final = "nudge:slack:event:"
TELEGRAM_UPDATES: Final = "nudge:telegram:update:"


@dataclass
class Nudge:
    """Everything one process needs, built from settings; `aclose()` releases it."""

    settings: Settings
    deps: Deps
    dispatcher: Dispatcher
    web_dispatcher: Dispatcher  # for chat work in the web process: Redis off its loop
    engine: AsyncEngine
    redis: Redis  # RQ's client (the job queue)
    quick_redis: AsyncRedis  # short timeouts: dedupe, OAuth state, buttons, health
    chat_redis: Redis  # short timeouts, used from a thread: the chat hand-off
    limits_redis: AsyncRedis | None = None
    cipher: TokenCipher | None = None
    installations: EncryptedInstallationStore | None = None
    slack: SlackClients | None = None
    chat_work: dict[str, ChatWork] = field(default_factory=dict)  # platform -> its work
    hand_offs: dict[str, ChatHandOff] = field(default_factory=dict)  # platform -> queue or here
    adapters: list[object] = field(default_factory=list)  # built here; closed by aclose()
    pacer: Pacer | None = None  # the shared rate limits, for the chat adapters' replies

    async def deliver_due(self) -> int:
        return (await delivery.deliver_due(self.deps)).sent

    async def deliver(self, occurrence: Occurrence, *, attempt: int = 0) -> None:
        await delivery.deliver(self.deps, occurrence, attempt=attempt)

    async def reconcile(self) -> int:
        return await reconcile.reconcile(self.deps)

    async def handle_chat(self, platform: str, payload: dict[str, Any]) -> None:
        """Run, in a worker, the work that a chat hand-off queued."""
        work = self.chat_work.get(platform)
        if work is None:
            raise ConfigError(f"{platform} work reached a worker without {platform} settings "
                              "(SLACK_BOT_TOKEN or SLACK_CLIENT_ID)")
        await work.perform(payload)

    async def redis_up(self) -> bool:
        """Does Redis answer within its short timeout? (for /health)"""
        return await is_up(self.quick_redis)

    async def aclose(self) -> None:
        for hand_off in self.hand_offs.values():
            await hand_off.drain()  # work started here after an ack finishes first
        for adapter in self.adapters:
            aclose = getattr(adapter, "aclose", None)
            if aclose is not None:
                await aclose()
        await self.engine.dispose()
        self.redis.close()
        self.chat_redis.close()
        await self.quick_redis.aclose()
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
    cipher = token_cipher(settings)
    installations = _installations(settings, engine, cipher)
    slack = _slack_clients(settings, installations)  # one HTTP session per loop
    adapters: list[object] = [slack] if slack else []
    if senders is None:
        senders = default_senders(settings, slack=slack)
        adapters += senders.values()
    if access is None:
        access = default_access(settings, slack=slack)
        adapters += access.values()
    clock = clock or SystemClock()
    buttons = ButtonCodec(load_button_key(settings))  # one key: a worker's buttons open anywhere
    limiter = RateLimiter(limits_redis, limits)
    sender = SealingSender(RateLimitedSender(PlatformSenders(senders), limiter), buttons, clock)
    deps = Deps(
        uow=make_uow_factory(engine),
        clock=clock,
        queue=RqJobQueue(redis),
        sender=sender,
        access=PlatformAccess(access),
        default_zone=settings.default_timezone,
        horizon=timedelta(minutes=settings.horizon_minutes),
        grace=timedelta(minutes=settings.grace_minutes),
        late_limit=timedelta(hours=settings.late_limit_hours),
        buttons=buttons,
        quotas=settings.quotas,
        rate=RedisCommandRate(limits_redis),
        stopping=worker_services.stopping,
    )
    dispatcher = Dispatcher(deps)
    chat_redis = quick_redis(redis_url)
    web_dispatcher = Dispatcher(replace(deps, queue=WebJobQueue(RqJobQueue(chat_redis))))
    quick_async = quick_async_redis(redis_url)
    chat_queue = RqChatQueue(chat_redis, async_redis=quick_async)
    # Workers run chat work with `dispatcher`; the web process, when Redis refuses the
    # hand-off, with `web_dispatcher`.
    chat_work = _chat_work(settings, dispatcher, slack, pacer=limiter)
    hand_offs = {name: ChatHandOff(name, chat_queue, work)
                 for name, work in _chat_work(settings, web_dispatcher, slack,
                                                 pacer=limiter).items()}
    return Nudge(settings, deps, dispatcher, web_dispatcher, engine, redis,
                 quick_async, chat_redis, limits_redis, cipher, installations,
                 slack, chat_work=chat_work, hand_offs=hand_offs, adapters=adapters,
                 pacer=limiter)


def slack_app(nudge: Nudge) -> AsyncApp:
    """The Bolt app with Nudge's hand-off, event deduper and OAuth stores."""
    from bot.slack.app import build_slack_app
    from bot.slack.listeners import SEEN_FOR
    from integrations.redis.oauth_state import RedisStateStore

    hand_off = nudge.hand_offs.get("slack")
    if hand_off is None:
        raise ConfigError("SLACK_BOT_TOKEN: set it (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET)")
    return build_slack_app(
        nudge.settings, hand_off=hand_off,
        dedupe=RedisDeduper(nudge.quick_redis, namespace=SLACK_EVENTS, ttl=SEEN_FOR),
        installations=nudge.installations, states=RedisStateStore(nudge.quick_redis))


def telegram_runtime(nudge: Nudge) -> TelegramRuntime:
    """The PTB Application of TELEGRAM_BOT_TOKEN, with Nudge's dispatcher and stores."""
    from bot.telegram.dedupe import SEEN_FOR
    from bot.telegram.runner import TelegramRuntime
    from integrations.redis.buttons import RedisCommandStore

    updates = RedisDeduper(nudge.quick_redis, namespace=TELEGRAM_UPDATES, ttl=SEEN_FOR)
    web = nudge.web_dispatcher
    return TelegramRuntime(settings=nudge.settings, handle=web.handle, deps=web.deps,
                           updates=updates,
                           buttons=RedisCommandStore(nudge.quick_redis), press=web.press,
                           pacer=nudge.pacer)


async def rotate_slack_tokens(settings: Settings) -> int:
    """`nudge keys rotate`: re-encrypt stored Slack tokens with the newest key; rows changed."""
    cipher = token_cipher(settings)
    if cipher is None:
        raise ConfigError("NUDGE_ENCRYPTION_KEYS: not set; put the new key first, then the old")
    engine = create_engine(settings.sqlalchemy_url)
    try:
        store = EncryptedInstallationStore(engine, client_id=settings.slack_client_id or "",
                                           cipher=cipher)
        return await store.rotate()
    finally:
        await engine.dispose()


def _installations(settings: Settings, engine: AsyncEngine,
                   cipher: TokenCipher | None) -> EncryptedInstallationStore | None:
    """Slack OAuth installs live in Nudge's database, on its one engine, tokens encrypted."""
    if not (settings.slack_client_id and settings.slack_client_secret) or cipher is None:
        return None
    return EncryptedInstallationStore(engine, client_id=settings.slack_client_id, cipher=cipher)


def _slack_clients(settings: Settings,
                   installations: EncryptedInstallationStore | None) -> SlackClients | None:
    if not (settings.slack_bot_token or settings.slack_client_id):
        return None
    from bot.slack.clients import slack_clients

    return slack_clients(settings, installations)


def _chat_work(settings: Settings, dispatcher: Dispatcher, slack: SlackClients | None, *,
               pacer: Pacer | None = None) -> dict[str, ChatWork]:
    """What a worker (or, when Redis cannot take it, the web process) runs per platform."""
    if slack is None:
        return {}
    from bot.slack.work import SlackWork

    return {"slack": SlackWork(handle=dispatcher.handle, press=dispatcher.press,
                               deps=dispatcher.deps, clients=slack,
                               command=settings.slack_command, pacer=pacer)}


def token_cipher(settings: Settings) -> TokenCipher | None:
    """The key ring for OAuth tokens at rest (NUDGE_ENCRYPTION_KEYS, newest first)."""
    keys = settings.encryption_keys
    return TokenCipher.from_setting(keys.get_secret_value()) if keys else None


def default_senders(settings: Settings, *,
                    slack: SlackClients | None = None) -> dict[Platform, ChatSender]:
    away = AwayBox.in_data_dir(settings.data_dir)  # what a gone terminal could not show
    console = ConsoleSender(away=away, choices=DeliveredChoices.in_data_dir(settings.data_dir),
                            zone=settings.console_zone)
    senders: dict[Platform, ChatSender] = {Platform.CONSOLE: console}
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
    if slack is not None:
        from bot.slack.access import SlackChannelAccess

        access[Platform.SLACK] = SlackChannelAccess(slack)
    if settings.telegram_bot_token:
        from bot.telegram.app import make_bot
        from bot.telegram.sender import TelegramChannelAccess

        access[Platform.TELEGRAM] = TelegramChannelAccess(make_bot(settings))
    return access
