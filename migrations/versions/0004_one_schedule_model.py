"""One schedule model: owner, chat, kind, number and payload move onto schedules.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

Reminders and channel posts were a `reminders` row beside their schedule. Every kind of
schedule (reminder, post, habit prompt, digest...) now keeps what it does in `payload`,
JSON as its kind's handler writes it; reminders and posts carry {"text", "target"}.

SQLite: batch mode rebuilds `schedules` (copy, drop, rename), and with foreign keys on, the
drop deletes every delivery row through ON DELETE CASCADE. The deliveries are set aside in
a plain table and put back, so the history survives whatever the connection's pragmas are.

Downgrade puts reminders and posts back into `reminders` and deletes schedules of any other
kind, which the previous release could not read.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
MOVED = ("owner_id", "chat_id", "kind", "number")


def _json_payload(dialect: str) -> str:
    if dialect == "postgresql":
        return "json_build_object('text', r.what, 'target', r.target)::text"
    return "json_object('text', r.what, 'target', r.target)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("schedules", recreate="never") as batch:
        for name in ("owner_id", "chat_id", "number"):
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
        batch.add_column(sa.Column("kind", sa.String(16), nullable=True))
        batch.add_column(sa.Column("payload", sa.Text(), nullable=True))
        batch.add_column(sa.Column("skipped", sa.Text(), nullable=True))
    copied = ", ".join(f"{c} = (SELECT r.{c} FROM reminders r WHERE r.schedule_id = schedules.id)"
                       for c in MOVED)
    payload = (f"payload = (SELECT {_json_payload(dialect)} FROM reminders r "
               "WHERE r.schedule_id = schedules.id)")
    op.execute(f"UPDATE schedules SET {copied}, {payload}")
    # A schedule without a reminder row had no owner and was never delivered: nothing to keep.
    op.execute("DELETE FROM schedules WHERE owner_id IS NULL")
    op.drop_index("ix_reminders_chat_id", table_name="reminders")
    op.drop_table("reminders")
    with _rows_kept(dialect, "deliveries"), op.batch_alter_table("schedules") as batch:
        for name in ("owner_id", "chat_id", "number"):
            batch.alter_column(name, existing_type=sa.Integer(), nullable=False)
        batch.alter_column("kind", existing_type=sa.String(16), nullable=False)
        batch.alter_column("payload", existing_type=sa.Text(), nullable=False)
        batch.create_foreign_key("fk_schedules_owner_id_identities", "identities",
                                 ["owner_id"], ["id"])
        batch.create_foreign_key("fk_schedules_chat_id_chats", "chats", ["chat_id"], ["id"])
        batch.create_unique_constraint("uq_schedules_owner_id_number", ["owner_id", "number"])
    op.create_index("ix_schedules_chat_id", "schedules", ["chat_id"])


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
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
        sa.Column("created_at", UTC_DATETIME, nullable=False, server_default=sa.func.now()),
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
    op.execute("DELETE FROM schedules WHERE kind NOT IN ('reminder', 'post')")
    text, target = _json_fields(dialect)
    op.execute(
        "INSERT INTO reminders (schedule_id, owner_id, chat_id, target, what, kind, number, "
        f"created_at) SELECT id, owner_id, chat_id, {target}, {text}, kind, number, created_at "
        "FROM schedules"
    )
    op.drop_index("ix_schedules_chat_id", table_name="schedules")
    with _rows_kept(dialect, "deliveries", "reminders"), \
            op.batch_alter_table("schedules") as batch:
        batch.drop_constraint("uq_schedules_owner_id_number", type_="unique")
        batch.drop_constraint("fk_schedules_chat_id_chats", type_="foreignkey")
        batch.drop_constraint("fk_schedules_owner_id_identities", type_="foreignkey")
        for name in (*MOVED, "payload", "skipped"):
            batch.drop_column(name)


def _json_fields(dialect: str) -> tuple[str, str]:
    if dialect == "postgresql":
        return "(payload::json ->> 'text')", "(payload::json ->> 'target')"
    return "json_extract(payload, '$.text')", "json_extract(payload, '$.target')"


class _rows_kept:  # noqa: N801 - reads as a context manager
    """On SQLite, the rows of `tables` set aside while `schedules` is rebuilt, then put back."""

    def __init__(self, dialect: str, *tables: str) -> None:
        self._tables = tables if dialect == "sqlite" else ()

    def __enter__(self) -> None:
        for table in self._tables:
            op.execute(f"CREATE TABLE _kept_{table} AS SELECT * FROM {table}")

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            return
        for table in self._tables:
            op.execute(f"DELETE FROM {table}")
            op.execute(f"INSERT INTO {table} SELECT * FROM _kept_{table}")
            op.execute(f"DROP TABLE _kept_{table}")
