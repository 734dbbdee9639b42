"""dialogue meetings: meetings, agenda, attendance, concerns, decisions, action items and their
history, correction notes, and the texts of each per language

Revision ID: m001_minutes
Revises:
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

from portal.api import UTCDateTime

revision = "m001_minutes"
down_revision = None
branch_labels = ("minutes",)
depends_on = "0001_core"


def upgrade():
    op.create_table('minutes_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('starts_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['content.id'], name=op.f('fk_minutes_meetings_id_content'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_minutes_meetings_room_id_rooms'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_meetings'))
    )
    op.create_index(op.f('ix_minutes_meetings_starts_at'), 'minutes_meetings', ['starts_at'], unique=False)
    op.create_table('minutes_agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['minutes_meetings.id'], name=op.f('fk_minutes_agenda_items_meeting_id_minutes_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_agenda_items'))
    )
    op.create_index(op.f('ix_minutes_agenda_items_meeting_id'), 'minutes_agenda_items', ['meeting_id'], unique=False)
    op.create_table('minutes_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('group', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['minutes_meetings.id'], name=op.f('fk_minutes_attendance_meeting_id_minutes_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_minutes_attendance_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_attendance'))
    )
    op.create_index(op.f('ix_minutes_attendance_meeting_id'), 'minutes_attendance', ['meeting_id'], unique=False)
    op.create_table('minutes_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('created', UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('earlier', sa.Text(), nullable=False),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['minutes_meetings.id'], name=op.f('fk_minutes_corrections_meeting_id_minutes_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_minutes_corrections_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_corrections'))
    )
    op.create_index(op.f('ix_minutes_corrections_meeting_id'), 'minutes_corrections', ['meeting_id'], unique=False)
    op.create_table('minutes_agenda_item_texts',
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['minutes_agenda_items.id'], name=op.f('fk_minutes_agenda_item_texts_agenda_item_id_minutes_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_minutes_agenda_item_texts_translator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('agenda_item_id', 'language', name=op.f('pk_minutes_agenda_item_texts'))
    )
    op.create_table('minutes_concerns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['minutes_agenda_items.id'], name=op.f('fk_minutes_concerns_agenda_item_id_minutes_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['minutes_meetings.id'], name=op.f('fk_minutes_concerns_meeting_id_minutes_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_concerns'))
    )
    op.create_index(op.f('ix_minutes_concerns_agenda_item_id'), 'minutes_concerns', ['agenda_item_id'], unique=False)
    op.create_index(op.f('ix_minutes_concerns_meeting_id'), 'minutes_concerns', ['meeting_id'], unique=False)
    op.create_table('minutes_correction_texts',
    sa.Column('correction_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['correction_id'], ['minutes_corrections.id'], name=op.f('fk_minutes_correction_texts_correction_id_minutes_corrections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_minutes_correction_texts_translator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('correction_id', 'language', name=op.f('pk_minutes_correction_texts'))
    )
    op.create_table('minutes_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['minutes_agenda_items.id'], name=op.f('fk_minutes_decisions_agenda_item_id_minutes_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['minutes_meetings.id'], name=op.f('fk_minutes_decisions_meeting_id_minutes_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_decisions'))
    )
    op.create_index(op.f('ix_minutes_decisions_agenda_item_id'), 'minutes_decisions', ['agenda_item_id'], unique=False)
    op.create_index(op.f('ix_minutes_decisions_meeting_id'), 'minutes_decisions', ['meeting_id'], unique=False)
    op.create_table('minutes_action_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=True),
    sa.Column('party', sa.String(length=20), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created', UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_minutes_action_items_centre_id_centres'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['concern_id'], ['minutes_concerns.id'], name=op.f('fk_minutes_action_items_concern_id_minutes_concerns'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['minutes_meetings.id'], name=op.f('fk_minutes_action_items_meeting_id_minutes_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_minutes_action_items_organisation_id_organisations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_action_items'))
    )
    op.create_index(op.f('ix_minutes_action_items_centre_id'), 'minutes_action_items', ['centre_id'], unique=False)
    op.create_index(op.f('ix_minutes_action_items_concern_id'), 'minutes_action_items', ['concern_id'], unique=False)
    op.create_index(op.f('ix_minutes_action_items_meeting_id'), 'minutes_action_items', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_minutes_action_items_status'), 'minutes_action_items', ['status'], unique=False)
    op.create_table('minutes_concern_texts',
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['concern_id'], ['minutes_concerns.id'], name=op.f('fk_minutes_concern_texts_concern_id_minutes_concerns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_minutes_concern_texts_translator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('concern_id', 'language', name=op.f('pk_minutes_concern_texts'))
    )
    op.create_table('minutes_decision_texts',
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['minutes_decisions.id'], name=op.f('fk_minutes_decision_texts_decision_id_minutes_decisions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_minutes_decision_texts_translator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('decision_id', 'language', name=op.f('pk_minutes_decision_texts'))
    )
    op.create_table('minutes_action_item_texts',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['minutes_action_items.id'], name=op.f('fk_minutes_action_item_texts_action_id_minutes_action_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_minutes_action_item_texts_translator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('action_id', 'language', name=op.f('pk_minutes_action_item_texts'))
    )
    op.create_table('minutes_action_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['minutes_action_items.id'], name=op.f('fk_minutes_action_updates_action_id_minutes_action_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['minutes_meetings.id'], name=op.f('fk_minutes_action_updates_meeting_id_minutes_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_minutes_action_updates_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_action_updates'))
    )
    op.create_index(op.f('ix_minutes_action_updates_action_id'), 'minutes_action_updates', ['action_id'], unique=False)
    op.create_table('minutes_action_update_texts',
    sa.Column('update_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_minutes_action_update_texts_translator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['update_id'], ['minutes_action_updates.id'], name=op.f('fk_minutes_action_update_texts_update_id_minutes_action_updates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('update_id', 'language', name=op.f('pk_minutes_action_update_texts'))
    )


def downgrade():
    for table in ("minutes_action_update_texts", "minutes_action_updates",
                  "minutes_action_item_texts", "minutes_decision_texts", "minutes_concern_texts",
                  "minutes_action_items", "minutes_decisions", "minutes_correction_texts",
                  "minutes_concerns", "minutes_agenda_item_texts", "minutes_corrections",
                  "minutes_attendance", "minutes_agenda_items", "minutes_meetings"):
        op.drop_table(table)
