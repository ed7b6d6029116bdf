"""Habits and goals: check-ins, breaks (pauses, vacations, skips) and progress entries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

Habits and goals are schedules of the kinds "habit" and "goal" (their payload is JSON in
`schedules.payload`, so the schedules table does not change); what they record over time
lives here, keyed by schedule and deleted with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)


def _schedule_id(table: str) -> list[Any]:
    """The schedule_id column, its foreign key and the table's primary key, named as
    integrations.sql.tables' naming convention names them."""
    return [
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["schedule_id"], ["schedules.id"], ondelete="CASCADE",
                                name=f"fk_{table}_schedule_id_schedules"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    ]


def upgrade() -> None:
    op.create_table(
        "habit_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        *_schedule_id("habit_checkins"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.UniqueConstraint("schedule_id", "day", name="uq_habit_checkins_schedule_id_day"),
    )
    op.create_table(
        "habit_breaks",
        sa.Column("id", sa.Integer(), nullable=False),
        *_schedule_id("habit_breaks"),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_habit_breaks_schedule_id", "habit_breaks", ["schedule_id"])
    op.create_table(
        "goal_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        *_schedule_id("goal_progress"),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
    )
    op.create_index("ix_goal_progress_schedule_id_at", "goal_progress", ["schedule_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_goal_progress_schedule_id_at", table_name="goal_progress")
    op.drop_table("goal_progress")
    op.drop_index("ix_habit_breaks_schedule_id", table_name="habit_breaks")
    op.drop_table("habit_breaks")
    op.drop_table("habit_checkins")
    # Schedules of these kinds have no handler in the previous release.
    gone = "SELECT id FROM schedules WHERE kind IN ('habit', 'goal')"
    op.execute(f"DELETE FROM deliveries WHERE schedule_id IN ({gone})")
    op.execute("DELETE FROM schedules WHERE kind IN ('habit', 'goal')")
