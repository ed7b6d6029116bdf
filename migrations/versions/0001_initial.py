"""Initial schema: identities, chats, schedules, reminders, deliveries.

Revision ID: 0001
Revises:
Create Date: 2026-03-01
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not imported from integrations.sql.tables: a revision is history and must
# not change when the tables module does.
UTC_DATETIME = sa.DateTime(timezone=True)


def _created_at() -> sa.Column[datetime]:
    return sa.Column("created_at", UTC_DATETIME, nullable=False, server_default=sa.func.now())


def upgrade() -> None:
    op.create_table(
        "identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(128), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("zone", sa.String(64), nullable=True),
        sa.Column("display_name", sa.String(255), nullable=False, server_default=""),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_identities"),
        sa.UniqueConstraint("platform", "workspace", "user_id",
                            name="uq_identities_platform_workspace_user_id"),
    )
    op.create_table(
        "chats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(128), nullable=False),
        sa.Column("chat_id", sa.String(128), nullable=False),
        sa.Column("is_group", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_chats"),
        sa.UniqueConstraint("platform", "workspace", "chat_id",
                            name="uq_chats_platform_workspace_chat_id"),
    )
    op.create_table(
        "schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("start", UTC_DATETIME, nullable=False),
        sa.Column("until", UTC_DATETIME, nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("next_at", UTC_DATETIME, nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        _created_at(),
        sa.Column("updated_at", UTC_DATETIME, nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_schedules"),
    )
    op.create_index("ix_schedules_state_next_at", "schedules", ["state", "next_at"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_reminders"),
        sa.ForeignKeyConstraint(["schedule_id"], ["schedules.id"], ondelete="CASCADE",
                                name="fk_reminders_schedule_id_schedules"),
        sa.ForeignKeyConstraint(["owner_id"], ["identities.id"],
                                name="fk_reminders_owner_id_identities"),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], name="fk_reminders_chat_id_chats"),
        sa.UniqueConstraint("schedule_id", name="uq_reminders_schedule_id"),
        sa.UniqueConstraint("owner_id", "number", name="uq_reminders_owner_id_number"),
    )
    op.create_index("ix_reminders_chat_id", "reminders", ["chat_id"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("instant", UTC_DATETIME, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("claimed_at", UTC_DATETIME, nullable=False),
        sa.Column("sent_at", UTC_DATETIME, nullable=True),
        sa.Column("late_seconds", sa.Float(), nullable=False, server_default="0"),
        sa.Column("message_id", sa.String(128), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.ForeignKeyConstraint(["schedule_id"], ["schedules.id"], ondelete="CASCADE",
                                name="fk_deliveries_schedule_id_schedules"),
        # Architecture rule 2: each occurrence is delivered once.
        sa.UniqueConstraint("schedule_id", "instant", name="uq_deliveries_schedule_id_instant"),
    )


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_index("ix_reminders_chat_id", table_name="reminders")
    op.drop_table("reminders")
    op.drop_index("ix_schedules_state_next_at", table_name="schedules")
    op.drop_table("schedules")
    op.drop_table("chats")
    op.drop_table("identities")
