"""notifications (the inbox), e-mail opt-in per user, server errors counted

Revision ID: 0007_notifications
Revises: 0006_rendered_markdown
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

import portal.models.meta

revision = "0007_notifications"
down_revision = "0006_rendered_markdown"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created", portal.models.meta.UTCDateTime(timezone=True), nullable=False),
        sa.Column("domain", sa.String(length=50), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("read_at", portal.models.meta.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_notifications_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    op.create_index("ix_notifications_user_id_read_at", "notifications", ["user_id", "read_at"])
    op.create_table(
        "error_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", portal.models.meta.UTCDateTime(timezone=True), nullable=False),
        sa.Column("route", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_error_events")),
    )
    op.create_index(op.f("ix_error_events_at"), "error_events", ["at"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("email_notifications", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("email_notifications", server_default=None)


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("email_notifications")
    op.drop_index(op.f("ix_error_events_at"), table_name="error_events")
    op.drop_table("error_events")
    op.drop_index("ix_notifications_user_id_read_at", table_name="notifications")
    op.drop_table("notifications")
