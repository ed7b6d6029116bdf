"""SQLAlchemy Core tables: the schema that Alembic migrates."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
    true,
)

NAMING_CONVENTION: Final = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every backend; SQLite, which keeps no zone, stores UTC text."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: Nudge stores aware UTC instants only")
        utc = value.astimezone(UTC)
        # SQLite's DATETIME text has no offset, so equal instants must become equal strings.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata: Final = MetaData(naming_convention=NAMING_CONVENTION)


def _created_at() -> Column[datetime]:
    return Column("created_at", UtcDateTime(), nullable=False, server_default=func.now())


identities: Final = Table(
    "identities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(128), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("zone", String(64), nullable=True),
    Column("display_name", String(255), nullable=False, server_default=""),
    Column("language", String(8), nullable=True),
    _created_at(),
    UniqueConstraint("platform", "workspace", "user_id"),
)

chats: Final = Table(
    "chats",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(128), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("is_group", Boolean, nullable=False, server_default=false()),
    Column("active", Boolean, nullable=False, server_default=true()),
    _created_at(),
    UniqueConstraint("platform", "workspace", "chat_id"),
)

schedules: Final = Table(
    "schedules",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner_id", ForeignKey("identities.id"), nullable=False),
    Column("chat_id", ForeignKey("chats.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # a name in core.kinds.registry.KINDS
    Column("number", Integer, nullable=False),  # the owner's short id ("cancel 2")
    Column("payload", Text, nullable=False),  # JSON, as the kind's handler dumps it
    Column("rule", Text, nullable=False),  # JSON of core.recurrence.codec.rule_to_dict
    Column("zone", String(64), nullable=False),
    Column("start", UtcDateTime(), nullable=False),
    Column("until", UtcDateTime(), nullable=True),
    Column("count", Integer, nullable=True),
    Column("next_at", UtcDateTime(), nullable=True),
    Column("state", String(16), nullable=False),
    Column("skipped", Text, nullable=True),  # JSON list of skipped instants (epoch seconds)
    _created_at(),
    Column("updated_at", UtcDateTime(), nullable=False, server_default=func.now(),
           onupdate=func.now()),
    UniqueConstraint("owner_id", "number"),
    # The sweep of due rows reads "state = 'active' AND next_at <= :until ORDER BY next_at".
    Index("ix_schedules_state_next_at", "state", "next_at"),
)

deliveries: Final = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("schedule_id", ForeignKey("schedules.id", ondelete="CASCADE"), nullable=False),
    Column("instant", UtcDateTime(), nullable=False),
    Column("state", String(16), nullable=False),
    Column("claimed_at", UtcDateTime(), nullable=False),
    Column("sent_at", UtcDateTime(), nullable=True),
    Column("late_seconds", Float, nullable=False, server_default="0"),
    Column("message_id", String(128), nullable=True),
    Column("attempts", Integer, nullable=False, server_default="0"),  # failed attempts so far
    # Architecture rule 2: this constraint is what makes each occurrence go out once.
    UniqueConstraint("schedule_id", "instant"),
    # The reconciler's scan for claims whose worker died: state IN (...) AND claimed_at < :t.
    Index("ix_deliveries_state_claimed_at", "state", "claimed_at"),
)


# slack_sdk's installation store, in our database (migration 0003); tokens are encrypted.
def _slack_bot_columns() -> list[Column[object]]:
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("client_id", String(32), nullable=False),
        Column("app_id", String(32), nullable=False),
        Column("enterprise_id", String(32)),
        Column("enterprise_name", String(200)),
        Column("team_id", String(32)),
        Column("team_name", String(200)),
        Column("bot_token", Text),
        Column("bot_id", String(32)),
        Column("bot_user_id", String(32)),
        Column("bot_scopes", String(1000)),
        Column("bot_refresh_token", Text),
        Column("bot_token_expires_at", DateTime),
    ]


slack_bots = Table(
    "slack_bots", metadata, *_slack_bot_columns(),
    Column("is_enterprise_install", Boolean, nullable=False),
    Column("installed_at", DateTime, nullable=False),
    Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)
slack_installations = Table(
    "slack_installations", metadata, *_slack_bot_columns(),
    Column("enterprise_url", String(200)),
    Column("user_id", String(32), nullable=False),
    Column("user_token", Text),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", Text),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", String(200)),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    Column("is_enterprise_install", Boolean, nullable=False),
    Column("token_type", String(32)),
    Column("installed_at", DateTime, nullable=False),
    Index("slack_installations_idx", "client_id", "enterprise_id", "team_id", "user_id",
          "installed_at"),
)


# Habits and goals (migration 0006): what their schedules keep beyond the payload.
habit_checkins: Final = Table(
    "habit_checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("schedule_id", ForeignKey("schedules.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),  # the owner's local date it counts for
    Column("at", UtcDateTime(), nullable=False),  # when it was recorded
    # One check-in per habit and day: a second `done` that day finds this row and stops.
    UniqueConstraint("schedule_id", "day"),
)

habit_breaks: Final = Table(
    "habit_breaks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("schedule_id", ForeignKey("schedules.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),  # 9999-12-31: paused until resumed
    Column("reason", String(16), nullable=False),  # pause, vacation, skip
    _created_at(),
)

goal_progress: Final = Table(
    "goal_progress",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("schedule_id", ForeignKey("schedules.id", ondelete="CASCADE"), nullable=False),
    Column("amount", Float, nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Index("ix_goal_progress_schedule_id_at", "schedule_id", "at"),
)
