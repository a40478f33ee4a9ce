"""Stored deadlines of applications for the dashboard.

Revision ID: 0003_stored_deadlines
Revises: 0002_replies_appeals
Create Date: 2026-11-21 20:40:00

The columns are computed from each application's event log (request_api.domain), so the
existing rows are filled in here; `flask --app request_api refresh-deadlines` recomputes them.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003_stored_deadlines"
down_revision = "0002_replies_appeals"
branch_labels = None
depends_on = None

applications = sa.table(
    "applications",
    sa.column("id", sa.Integer),
    sa.column("received_on", sa.Date),
    sa.column("reply_due", sa.Date),
    sa.column("provisional", sa.Boolean),
    sa.column("paused_days_left", sa.Integer),
)
events = sa.table(
    "events",
    sa.column("application_id", sa.Integer),
    sa.column("seq", sa.Integer),
    sa.column("type", sa.String),
    sa.column("event_date", sa.Date),
    sa.column("data", sa.JSON),
)


def upgrade():
    """Add the columns (plain ALTER TABLE ADD COLUMN, also on SQLite) and fill them in."""
    op.add_column("applications", sa.Column("reply_due", sa.Date(), nullable=True))
    op.add_column(
        "applications",
        sa.Column("provisional", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("applications", sa.Column("paused_days_left", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_applications_reply_due"), "applications", ["reply_due"])
    _backfill(op.get_bind())


def _backfill(connection) -> None:
    """Compute the new columns of every existing application from its event log."""
    from request_api.domain import BEIJING, stored_deadline_values

    today = datetime.now(UTC).astimezone(BEIJING).date()
    logs: dict[int, list] = {}
    for row in connection.execute(
        sa.select(events).order_by(events.c.application_id, events.c.seq)
    ):
        logs.setdefault(row.application_id, []).append(row)
    for app_id, received_on in connection.execute(
        sa.select(applications.c.id, applications.c.received_on)
    ):
        values = stored_deadline_values(received_on, logs.get(app_id, []), today)
        connection.execute(
            applications.update().where(applications.c.id == app_id).values(**values)
        )


def downgrade():
    """Drop the columns (ALTER TABLE DROP COLUMN; SQLite 3.35 or later)."""
    op.drop_index(op.f("ix_applications_reply_due"), table_name="applications")
    op.drop_column("applications", "paused_days_left")
    op.drop_column("applications", "provisional")
    op.drop_column("applications", "reply_due")
