"""Deps: the ports and settings that every use case receives from the composition root."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from core.buttons import ButtonCodec
from core.occurrences import GRACE_WINDOW, LATE_LIMIT, LEASE
from core.ports import ChannelAccess, ChatSender, Clock, JobQueue, UnitOfWorkFactory
from core.quotas import CommandRate, Quotas


@dataclass(frozen=True)
class Deps:
    uow: UnitOfWorkFactory
    clock: Clock
    queue: JobQueue
    sender: ChatSender
    access: ChannelAccess
    default_zone: str = "UTC"
    horizon: timedelta = timedelta(minutes=15)  # Redis holds only work due this soon
    grace: timedelta = GRACE_WINDOW
    lease: timedelta = LEASE  # a claim older than this, never completed, may be taken over
    # Later than this, an occurrence is not sent; its owner is told what was missed instead.
    late_limit: timedelta = LATE_LIMIT
    # The root passes one key for every process; a random one opens only this process's.
    buttons: ButtonCodec = field(default_factory=ButtonCodec.with_random_key)
    quotas: Quotas = Quotas()
    rate: CommandRate | None = None  # None: commands are not counted
    # True once the process is asked to stop: a delivery pass claims no further round.
    stopping: Callable[[], bool] = lambda: False
