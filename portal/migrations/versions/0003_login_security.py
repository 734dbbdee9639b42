"""login security: failed attempts per name, address and known device; CSRF token per session

Revision ID: 0003_login_security
Revises: 0002_populators
Create Date: 2026-12-01

The throttle only holds short-lived counters, so its table is replaced rather than converted.
"""
from alembic import op
import sqlalchemy as sa
import portal.models.meta


revision = '0003_login_security'
down_revision = '0002_populators'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table('login_throttle')
    op.create_table('login_throttle',
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_start', portal.models.meta.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', portal.models.meta.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('scope', 'key_hash', name=op.f('pk_login_throttle'))
    )
    op.add_column('user_sessions', sa.Column('csrf_token', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('user_sessions') as batch:
        batch.drop_column('csrf_token')
    op.drop_table('login_throttle')
    op.create_table('login_throttle',
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', portal.models.meta.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_login_throttle'))
    )
