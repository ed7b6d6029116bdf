"""A person's reply language (`language de`): identities.language.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

NULL means no setting: replies follow the language each message is written in, and
deliveries and button presses are answered in English.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not a batch: SQLite (3.35 and later) adds and drops a column in place,
# where a batch would copy and drop `identities`, which schedules and reminders reference.
def upgrade() -> None:
    op.add_column("identities", sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    op.drop_column("identities", "language")
