"""TEST ONLY: SIGKILL this worker at a named step of a delivery, for the fault tests.

NUDGE_FAULT names the step: after_claim (claims committed, nothing sent), after_send:N (the
platform accepted the N-th message, its commit not made), after_complete (a batch of sends
committed). Nothing in Nudge calls `with_faults`; only tests/faults/worker_entry.py does.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from dataclasses import replace
from types import TracebackType
from typing import Any

from core.ids import ChatRef
from core.occurrences import Occurrence, Sent
from core.ports import ChatSender, UnitOfWork, UnitOfWorkFactory
from core.replies import Reply, SentMessage
from core.services.deps import Deps


def with_faults(deps: Deps, fault: str | None) -> Deps:
    """`deps` with its unit of work or sender rigged to kill the process at `fault`."""
    if not fault:
        return deps
    step, _, count = fault.partition(":")
    if step == "after_send":
        return replace(deps, sender=_KillAfterSend(deps.sender, int(count or 1)))
    if step in ("after_claim", "after_complete"):
        return replace(deps, uow=_KillingUowFactory(deps.uow, step))
    raise ValueError(f"unknown NUDGE_FAULT step {fault!r}")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class _KillAfterSend:
    def __init__(self, inner: ChatSender, count: int) -> None:
        self._inner, self._left = inner, count

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        sent = await self._inner.send(chat, reply)
        self._left -= 1
        if self._left == 0:
            _die()
        return sent


class _KillingUowFactory:
    def __init__(self, inner: UnitOfWorkFactory, step: str) -> None:
        self._inner, self._step = inner, step

    def __call__(self) -> UnitOfWork:
        return _KillingUow(self._inner(), self._step)  # type: ignore[return-value]


class _KillingUow:
    """Delegates to the real unit of work; dies right after the commit of the step's write."""

    def __init__(self, inner: UnitOfWork, step: str) -> None:
        self._inner, self._step, self._armed = inner, step, False

    async def __aenter__(self) -> _KillingUow:
        entered = await self._inner.__aenter__()
        self.schedules = entered.schedules
        self.reminders = entered.reminders
        self.people = entered.people
        self.deliveries = _Spy(entered.deliveries, self)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self._inner.__aexit__(exc_type, exc, tb)

    async def commit(self) -> None:
        await self._inner.commit()
        if self._armed:
            _die()

    async def rollback(self) -> None:
        await self._inner.rollback()

    def saw(self, method: str, result: object) -> None:
        if (self._step, method) in (("after_claim", "claim_many"),
                                    ("after_complete", "complete_many")) and result != []:
            self._armed = True


class _Spy:
    def __init__(self, inner: Any, uow: _KillingUow) -> None:
        self._inner, self._uow = inner, uow

    async def claim_many(self, occurrences: Sequence[Occurrence], *, now: Any) -> Any:
        won = await self._inner.claim_many(occurrences, now=now)
        self._uow.saw("claim_many", won)
        return won

    async def complete_many(self, sent: Sequence[Sent]) -> None:
        await self._inner.complete_many(sent)
        self._uow.saw("complete_many", list(sent))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)
