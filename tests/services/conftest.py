"""Use-case fixtures: a real SQLite (or PostgreSQL) database and Redis, fakes for the rest."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.ids import Actor, ChatRef, Platform, Tenant, UserRef
from core.services.deps import Deps
from core.services.dispatch import Dispatcher
from jobs.queue import RqJobQueue
from tests.fakes.access import StaticChannelAccess
from tests.fakes.clock import FakeClock
from tests.fakes.sender import RecordingSender

TENANT = Tenant(Platform.SLACK, "T1")
ZONE = "America/New_York"


def actor(user: str = "U1", chat: str = "D1") -> Actor:
    return Actor(UserRef(TENANT, user), ChatRef(TENANT, chat), zone=ZONE)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 4, 15, 15, tzinfo=UTC))  # Wed 10:15 in New York


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
def queue(redis) -> RqJobQueue:
    return RqJobQueue(redis)


@pytest.fixture
def deps(uow_factory, clock, queue, sender) -> Deps:
    return Deps(uow=uow_factory, clock=clock, queue=queue, sender=sender,
                access=StaticChannelAccess({"#team"}), default_zone="UTC")


@pytest.fixture
def dispatcher(deps) -> Dispatcher:
    return Dispatcher(deps)
