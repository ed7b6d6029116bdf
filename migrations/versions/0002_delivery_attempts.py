"""Deliveries: an attempts counter and an index for the reconciler's scan of stale claims.

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_deliveries_state_claimed_at", "deliveries", ["state", "claimed_at"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_state_claimed_at", table_name="deliveries")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("attempts")
