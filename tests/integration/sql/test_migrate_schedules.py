"""Migration 0004 carries reminders and posts made by the previous release onto schedules."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from core.ids import ChatRef, Platform, ScheduleId, Tenant, UserRef
from core.occurrences import DeliveryState
from core.recurrence.codec import rule_to_dict
from core.recurrence.rules import Once
from core.reminders import Kind, State
from integrations.sql import migrate
from integrations.sql.engine import create_engine
from integrations.sql.unit_of_work import make_uow_factory
from tests.integration.sql.builders import a_reminder

ACME = Tenant(Platform.SLACK, "T-ACME")
ANA = UserRef(ACME, "U-ANA")
AT = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
RULE = json.dumps(rule_to_dict(Once(AT)))
WHAT = "call “mom” — today’s plan 🎉 <https://x.io|link>"


def _stamp(instant: datetime, dialect: str) -> object:
    # What release 0003 wrote: naive UTC text on SQLite, timestamptz on PostgreSQL.
    return instant.strftime("%Y-%m-%d %H:%M:%S.%f") if dialect == "sqlite" else instant


async def _write_as_release_0003(url: str) -> dict[str, int]:
    """Rows as release 0003 wrote them (its ids from the database); returns the schedule ids."""
    engine = create_engine(url)
    try:
        async with engine.begin() as c:
            d = c.dialect.name
            owner = (await c.execute(text(
                "INSERT INTO identities (platform, workspace, user_id) "
                "VALUES ('slack', 'T-ACME', 'U-ANA') RETURNING id"))).scalar_one()
            dm, team = [(await c.execute(text(
                "INSERT INTO chats (platform, workspace, chat_id) VALUES ('slack', 'T-ACME', :c) "
                "RETURNING id"), {"c": chat})).scalar_one() for chat in ("D-ANA", "C-T")]
            ids = {}
            for name, state in (("active", "active"), ("done", "done"), ("paused", "paused")):
                ids[name] = (await c.execute(text(
                    "INSERT INTO schedules (rule, zone, start, next_at, state) "
                    "VALUES (:rule, 'Europe/Lisbon', :start, :next_at, :state) RETURNING id"),
                    {"rule": RULE, "start": _stamp(AT - timedelta(days=1), d),
                     "next_at": None if state == "done" else _stamp(AT, d), "state": state},
                )).scalar_one()
            for sid, chat, target, what, kind, number in (
                    (ids["active"], dm, "me", WHAT, "reminder", 1),
                    (ids["done"], team, "#team", "freeze starts", "post", 2),
                    (ids["paused"], dm, "me", "water the plants", "reminder", 4)):
                await c.execute(text(
                    "INSERT INTO reminders (schedule_id, owner_id, chat_id, target, what, kind, "
                    "number) VALUES (:sid, :owner, :chat, :target, :what, :kind, :number)"),
                    {"sid": sid, "owner": owner, "chat": chat, "target": target, "what": what,
                     "kind": kind, "number": number})
            await c.execute(text(
                "INSERT INTO deliveries (schedule_id, instant, state, claimed_at, sent_at, "
                "message_id, attempts) VALUES (:sid, :at, 'sent', :at, :at, 'm-1', 0)"),
                {"sid": ids["done"], "at": _stamp(AT - timedelta(hours=1), d)})
        return ids
    finally:
        await engine.dispose()


async def test_reminders_and_posts_of_the_previous_release_come_through_unchanged(db_url):
    await migrate.downgrade_async(db_url, "0003")
    try:
        ids = await _write_as_release_0003(db_url)
        await migrate.upgrade_async(db_url)
        engine = create_engine(db_url)
        uow = make_uow_factory(engine)
        async with uow() as u:
            mine = await u.reminders.list_for(ANA, live_only=False)
            history = await u.deliveries.for_schedule(ScheduleId(ids["done"]))
            added = await u.reminders.add(a_reminder(ANA))
            await u.commit()
        await engine.dispose()
    finally:
        await migrate.downgrade_async(db_url, "base")
        await migrate.upgrade_async(db_url)

    assert [(r.number, r.kind, r.target, r.what, r.state, r.chat) for r in mine] == [
        (1, Kind.REMINDER, "me", WHAT, State.ACTIVE, ChatRef(ACME, "D-ANA")),
        (2, Kind.POST, "#team", "freeze starts", State.DONE, ChatRef(ACME, "C-T")),
        (4, Kind.REMINDER, "me", "water the plants", State.PAUSED, ChatRef(ACME, "D-ANA")),
    ]
    assert [r.next_at for r in mine] == [AT, None, AT]
    assert all(r.recurrence.zone == "Europe/Lisbon" for r in mine)
    assert [(h.state, h.message_id) for h in history] == [(DeliveryState.SENT, "m-1")]
    assert added.number == 5  # numbers carry on after the highest one the owner has seen


async def test_downgrade_puts_reminders_back_as_the_previous_release_reads_them(db_url):
    await migrate.downgrade_async(db_url, "0003")
    try:
        ids = await _write_as_release_0003(db_url)
        await migrate.upgrade_async(db_url)
        await migrate.downgrade_async(db_url, "0003")
        engine = create_engine(db_url)
        async with engine.connect() as c:
            rows = (await c.execute(text(
                "SELECT schedule_id, target, what, kind, number FROM reminders "
                "ORDER BY schedule_id"))).all()
            kept = (await c.execute(text("SELECT count(*) FROM deliveries"))).scalar_one()
        await engine.dispose()
    finally:
        await migrate.downgrade_async(db_url, "base")
        await migrate.upgrade_async(db_url)

    assert [tuple(r) for r in rows] == [
        (ids["active"], "me", WHAT, "reminder", 1),
        (ids["done"], "#team", "freeze starts", "post", 2),
        (ids["paused"], "me", "water the plants", "reminder", 4)]
    assert kept == 1
