"""activities: series, texts, single-occurrence changes, materialised slots, settings

Revision ID: a001_activities
Revises:
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

from portal.api import UTCDateTime

revision = "a001_activities"
down_revision = None
branch_labels = ("activities",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=100), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("target_group", sa.String(length=20), nullable=False),
        sa.Column("languages", sa.String(length=100), nullable=False),
        sa.Column("interpretation", sa.Boolean(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("start_local", sa.DateTime(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("freq", sa.String(length=10), nullable=False),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("byday", sa.String(length=30), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("exdates", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("state_reason", sa.String(length=500), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created", UTCDateTime(timezone=True), nullable=False),
        sa.Column("modified", UTCDateTime(timezone=True), nullable=False),
        sa.Column("source_language", sa.String(length=10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["centre_id"], ["centres.id"],
                                name=op.f("fk_activities_centre_id_centres"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_activities_organisation_id_organisations"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"],
                                name=op.f("fk_activities_room_id_rooms"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_activities_owner_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("uid", name=op.f("uq_activities_uid")),
    )
    op.create_index(op.f("ix_activities_centre_id"), "activities", ["centre_id"])
    op.create_index(op.f("ix_activities_organisation_id"), "activities", ["organisation_id"])
    op.create_index(op.f("ix_activities_room_id"), "activities", ["room_id"])
    op.create_table(
        "activities_texts",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("source_revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("updated", UTCDateTime(timezone=True), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activities.id"],
                                name=op.f("fk_activities_texts_activity_id_activities"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["translator_id"], ["users.id"],
                                name=op.f("fk_activities_texts_translator_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("activity_id", "language", name=op.f("pk_activities_texts")),
    )
    op.create_table(
        "activities_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("original_start", sa.DateTime(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("new_start", sa.DateTime(), nullable=True),
        sa.Column("new_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("modified", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activities.id"],
                                name=op.f("fk_activities_changes_activity_id_activities"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities_changes")),
        sa.UniqueConstraint("activity_id", "original_start",
                            name=op.f("uq_activities_changes_activity_id")),
    )
    op.create_index(op.f("ix_activities_changes_activity_id"), "activities_changes",
                    ["activity_id"])
    op.create_table(
        "activities_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("starts", UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends", UTCDateTime(timezone=True), nullable=False),
        sa.Column("blocks_until", UTCDateTime(timezone=True), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activities.id"],
                                name=op.f("fk_activities_slots_activity_id_activities"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"],
                                name=op.f("fk_activities_slots_room_id_rooms"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities_slots")),
    )
    op.create_index(op.f("ix_activities_slots_activity_id"), "activities_slots", ["activity_id"])
    op.create_index("ix_activities_slots_room_starts", "activities_slots", ["room_id", "starts"])
    if op.get_bind().dialect.name == "postgresql":
        # no two held occurrences of one room overlap, whatever commits when (half-open ranges:
        # touching is allowed; the turnover time is part of blocks_until)
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute("ALTER TABLE activities_slots ADD CONSTRAINT ex_activities_slots_no_overlap "
                   "EXCLUDE USING gist (room_id WITH =, "
                   "tstzrange(starts, blocks_until, '[)') WITH &&) WHERE (held)")
    op.create_table(
        "activities_rooms",
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("buffer_minutes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"],
                                name=op.f("fk_activities_rooms_room_id_rooms"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("room_id", name=op.f("pk_activities_rooms")),
    )
    op.create_table(
        "activities_centres",
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("require_approval", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["centre_id"], ["centres.id"],
                                name=op.f("fk_activities_centres_centre_id_centres"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("centre_id", name=op.f("pk_activities_centres")),
    )
    op.create_table(
        "activities_booking_locks",
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("bookings", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["centre_id"], ["centres.id"],
                                name=op.f("fk_activities_booking_locks_centre_id_centres"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("centre_id", name=op.f("pk_activities_booking_locks")),
    )


def downgrade():
    for table in ("activities_booking_locks", "activities_centres", "activities_rooms",
                  "activities_slots", "activities_changes", "activities_texts", "activities"):
        op.drop_table(table)
