"""End to end in the console: a typed message becomes a reminder the real RQ worker delivers."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from redis import Redis

from bot.console.choices import DeliveredChoices
from bot.console.repl import chat_loop, console_actor
from bot.console.sender import ConsoleSender
from bot.main import build
from bot.settings import Settings
from core.ids import Platform
from integrations.sql.migrate import upgrade
from jobs.worker import run_worker
from tests.fakes.clock import FakeClock


class Harness:
    """One Nudge installation: its settings, a shared fake clock and the terminal's output."""

    def __init__(self, tmp_path, redis_url: str) -> None:
        self.settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path}/nudge.db",
                                 redis_url=redis_url)
        upgrade(self.settings.sqlalchemy_url)
        # An hour behind the wall clock, so RQ's scheduler (which reads the real clock)
        # finds the job due at once, while our services see the time we set.
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
        self.clock = FakeClock(start)
        self.terminal = io.StringIO()
        self.redis_url = redis_url
        self.choices = DeliveredChoices.in_data_dir(tmp_path)

    def build(self):
        sender = ConsoleSender(stream=self.terminal, choices=self.choices)
        return build(self.settings, redis_url=self.redis_url, clock=self.clock,
                     senders={Platform.CONSOLE: sender})

    def type(self, *lines: str) -> str:
        return self.type_with_away(None, *lines)

    def type_with_away(self, away, *lines: str) -> str:
        """A console session from its start: what it shows first, then the answers."""
        async def chat() -> str:
            nudge = self.build()
            out = io.StringIO()
            try:
                await chat_loop(nudge.dispatcher.handle, console_actor(),
                                stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
                                stdout=out, press=nudge.dispatcher.press, away=away,
                                delivered=self.choices)
            finally:
                await nudge.aclose()
            return out.getvalue()

        return asyncio.run(chat())

    def reconcile(self) -> int:
        async def go() -> int:
            nudge = self.build()
            try:
                return await nudge.reconcile()
            finally:
                await nudge.aclose()

        return asyncio.run(go())

    def work(self) -> None:
        run_worker(redis_url=self.redis_url, services_factory=self.build, burst=True)

    def deliveries(self) -> list[str]:
        return [line for line in self.terminal.getvalue().splitlines() if "⏰" in line]


@pytest.fixture
def nudge(tmp_path, redis_url) -> Harness:
    return Harness(tmp_path, redis_url)


def test_a_console_message_becomes_a_reminder_delivered_exactly_once(nudge: Harness) -> None:
    answer = nudge.type("remind me to stretch in 1 minute")
    nudge.clock.advance(minutes=1)

    nudge.work()
    nudge.reconcile()
    nudge.work()

    assert "nudge> Reminder 1: stretch; next" in answer
    assert [line.split("] ", 1)[1] for line in nudge.deliveries()] == ["⏰ stretch"]


def test_an_emptied_redis_still_delivers_through_the_reconciler(nudge: Harness) -> None:
    nudge.type("remind me to stretch in 1 minute")
    with Redis.from_url(nudge.redis_url) as redis:
        redis.flushdb()
    nudge.clock.advance(minutes=1)

    nudge.work()
    before = list(nudge.deliveries())
    queued = nudge.reconcile()
    nudge.work()

    assert before == []
    assert queued == 1
    assert len(nudge.deliveries()) == 1


def test_list_and_cancel_in_the_console(nudge: Harness) -> None:
    answer = nudge.type("remind me to stretch in 1 hour", "remind me to run daily at 7",
                        "list", "cancel 2", "list")

    listed = answer.split("nudge> Your reminders:")
    assert "Reminder 2: run, every day at 07:00" in listed[1]
    assert "Cancelled Reminder 2: run." in answer
    assert "run" not in listed[2].split("Reminder 1: stretch")[1]


def test_a_bad_command_answers_kindly_and_stores_nothing(nudge: Harness) -> None:
    answer = nudge.type("remind me to pay rent on February 30", "list")

    assert "You have no reminders" in answer
    with Redis.from_url(nudge.redis_url) as redis:  # nothing queued; only commands counted
        assert [k for k in redis.scan_iter() if not k.startswith(b"nudge:commands:")] == []


def test_a_long_list_pages_with_lettered_choices(nudge: Harness) -> None:
    made = [f"remind me to task {i:02} in {i + 1} hours" for i in range(11)]

    answer = nudge.type(*made, "list", "a", "a")

    pages = answer.split("nudge> Your reminders, ")[1:]
    assert pages[0].startswith("page 1 of 2 (11 in all):")
    assert "[a] Next ▶" in pages[0]
    assert pages[1].startswith("page 2 of 2 (11 in all):")
    assert "task 10" in pages[1]
    assert "[a] ◀ Previous" in pages[1]
    assert pages[2].startswith("page 1 of 2")


def test_a_typed_action_string_is_only_text_in_the_console(nudge: Harness) -> None:
    answer = nudge.type("remind me to run daily at 7", "act:pause:1", "list")

    assert "didn't get that" in answer
    assert "paused" not in answer.split("nudge> Your reminders:")[1]


class GoneTerminal(io.StringIO):
    """A terminal whose window was closed: every write fails as a tty's does (EIO)."""

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")


def test_a_delivery_to_a_gone_terminal_is_shown_at_the_next_start(nudge: Harness) -> None:
    from bot.console.away import AwayBox

    away = AwayBox.in_data_dir(nudge.settings.data_dir)
    nudge.type("remind me to stretch in 1 minute")
    nudge.clock.advance(minutes=1)
    gone = ConsoleSender(stream=GoneTerminal(), away=away)

    run_worker(redis_url=nudge.redis_url, burst=True, services_factory=lambda: build(
        nudge.settings, redis_url=nudge.redis_url, clock=nudge.clock,
        senders={Platform.CONSOLE: gone}))
    next_start = nudge.type_with_away(away, "list")
    again = nudge.type_with_away(away, "list")

    assert "While you were away:\n  [" in next_start
    assert "] ⏰ stretch" in next_start.split("nudge>")[0]
    assert "While you were away" not in again


def test_a_delivery_is_stamped_in_the_persons_zone(nudge: Harness) -> None:
    # Kathmandu is UTC+05:45: no machine or default zone here shares its minutes.
    nudge.type("timezone Asia/Kathmandu", "remind me to stretch in 1 minute")
    nudge.clock.advance(minutes=1)

    before = datetime.now(ZoneInfo("Asia/Kathmandu"))
    nudge.work()
    after = datetime.now(ZoneInfo("Asia/Kathmandu"))

    [line] = nudge.deliveries()
    assert line.split("]")[0].lstrip("[") in {f"{before:%H:%M}", f"{after:%H:%M}"}
