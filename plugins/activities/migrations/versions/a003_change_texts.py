"""activities: the reason of a cancelled or moved date in every language (a text table)

Revision ID: a003_change_texts
Revises: a002_slots_until
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

from portal.api import UTCDateTime

revision = "a003_change_texts"
down_revision = "a002_slots_until"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "activities_change_texts",
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("source_revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("updated", UTCDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["change_id"], ["activities_changes.id"],
            name=op.f("fk_activities_change_texts_change_id_activities_changes"),
            ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["translator_id"], ["users.id"],
                                name=op.f("fk_activities_change_texts_translator_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("change_id", "language",
                                name=op.f("pk_activities_change_texts")),
    )
    with op.batch_alter_table("activities_changes") as batch:
        batch.add_column(sa.Column("source_language", sa.String(length=10), nullable=False,
                                   server_default="en"))
        batch.add_column(sa.Column("revision", sa.Integer(), nullable=False,
                                   server_default="1"))
    # each reason becomes the text in its series' source language
    op.execute("UPDATE activities_changes SET source_language = (SELECT source_language FROM "
               "activities WHERE activities.id = activities_changes.activity_id)")
    op.execute("INSERT INTO activities_change_texts (change_id, language, source_revision, "
               "status, updated, reason) SELECT id, source_language, 1, 'current', modified, "
               "reason FROM activities_changes WHERE reason != ''")
    with op.batch_alter_table("activities_changes") as batch:
        batch.alter_column("source_language", server_default=None)
        batch.alter_column("revision", server_default=None)
        batch.drop_column("reason")


def downgrade():
    with op.batch_alter_table("activities_changes") as batch:
        batch.add_column(sa.Column("reason", sa.String(length=300), nullable=False,
                                   server_default=""))
    op.execute("UPDATE activities_changes SET reason = COALESCE((SELECT substr(reason, 1, 300) "
               "FROM activities_change_texts t WHERE t.change_id = activities_changes.id AND "
               "t.language = activities_changes.source_language), '')")
    with op.batch_alter_table("activities_changes") as batch:
        batch.alter_column("reason", server_default=None)
        batch.drop_column("revision")
        batch.drop_column("source_language")
    op.drop_table("activities_change_texts")
