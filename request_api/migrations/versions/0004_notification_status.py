"""Explicit delivery state of notifications.

Revision ID: 0004_notification_status
Revises: 0003_stored_deadlines
Create Date: 2026-11-21 21:15:00

The outbox first kept its state in other columns: ``transport`` was ``queued``, ``claim-…`` or
``failed`` until the mail went, ``sent_at`` the time of the next attempt (or of the claim), and
``detail`` the attempts and last error. They move to ``status``, ``attempts``, ``next_attempt_at``,
``claimed_at`` and ``last_error_kind``; ``transport`` (``smtp`` or ``file``; formerly ``outbox``)
and ``sent_at`` are only set once a mail is sent. Batch mode rebuilds the table on SQLite.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004_notification_status"
down_revision = "0003_stored_deadlines"
branch_labels = None
depends_on = None

INDEX = "ix_notifications_status_next_attempt_at"
OLD_CLAIM = "claim-migrated"  # a claim token of the old scheme (transport is 16 characters)

notifications = sa.table(
    "notifications",
    sa.column("id", sa.Integer),
    sa.column("transport", sa.String),
    sa.column("sent_at", sa.DateTime(timezone=True)),
    sa.column("detail", sa.JSON),
    sa.column("status", sa.String),
    sa.column("attempts", sa.Integer),
    sa.column("next_attempt_at", sa.DateTime(timezone=True)),
    sa.column("claimed_at", sa.DateTime(timezone=True)),
    sa.column("last_error_kind", sa.String),
)


def upgrade():
    """Add the columns, move each row's state into them, then index the queue."""
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("status", sa.String(16), nullable=False, server_default="sent"))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_error_kind", sa.String(64), nullable=True))
        batch.alter_column("transport", existing_type=sa.String(16), nullable=True)
        batch.alter_column("sent_at", existing_type=sa.DateTime(timezone=True), nullable=True)
    connection = op.get_bind()
    for row in connection.execute(sa.select(notifications)).all():
        connection.execute(
            notifications.update().where(notifications.c.id == row.id).values(**_new_state(row))
        )
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column("status", existing_type=sa.String(16), server_default=None)
        batch.alter_column("attempts", existing_type=sa.Integer(), server_default=None)
        batch.create_index(INDEX, ["status", "next_attempt_at"])


def _new_state(row) -> dict:
    """Return the new columns of a row stored under the old scheme."""
    detail = dict(row.detail or {})
    values = {
        "attempts": int(detail.pop("attempts", 0) or 0),
        "last_error_kind": detail.pop("last_error", None),
        "detail": detail,
    }
    transport, when = row.transport or "", row.sent_at
    if transport == "queued":
        return {**values, "status": "queued", "next_attempt_at": when, "transport": None,
                "sent_at": None}  # fmt: skip
    if transport.startswith("claim-"):
        return {**values, "status": "sending", "claimed_at": when, "transport": None,
                "sent_at": None}  # fmt: skip
    if transport == "failed":
        return {**values, "status": "failed", "transport": None, "sent_at": None}
    return {**values, "status": "sent", "transport": "file" if transport == "outbox" else transport}


def downgrade():
    """Put each row's state back into transport, sent_at and detail; drop the columns."""
    with op.batch_alter_table("notifications") as batch:
        batch.drop_index(INDEX)
    connection = op.get_bind()
    for row in connection.execute(sa.select(notifications)).all():
        connection.execute(
            notifications.update().where(notifications.c.id == row.id).values(**_old_state(row))
        )
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column("transport", existing_type=sa.String(16), nullable=False)
        batch.alter_column("sent_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        for column in ("last_error_kind", "claimed_at", "next_attempt_at", "attempts", "status"):
            batch.drop_column(column)


def _old_state(row) -> dict:
    """Return transport, sent_at and detail of a row under the old scheme."""
    detail = {**(row.detail or {}), "attempts": row.attempts}
    if row.last_error_kind:
        detail["last_error"] = row.last_error_kind
    now = datetime.now(UTC)
    if row.status == "queued":
        return {"transport": "queued", "sent_at": row.next_attempt_at or now, "detail": detail}
    if row.status == "sending":
        return {"transport": OLD_CLAIM, "sent_at": row.claimed_at or now, "detail": detail}
    if row.status == "failed":
        return {"transport": "failed", "sent_at": row.sent_at or now, "detail": detail}
    transport = "outbox" if row.transport == "file" else row.transport or "outbox"
    return {"transport": transport, "sent_at": row.sent_at or now, "detail": detail}
