"""elections: elections, votes, candidates, voting codes, ballots, paper entries, mandates

Revision ID: e001_elections
Revises:
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

from portal.api import UTCDateTime

revision = "e001_elections"
down_revision = None
branch_labels = ("elections",)
depends_on = "0001_core"


def upgrade():
    op.create_table('elections_elections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('nominations_open', UTCDateTime(timezone=True), nullable=False),
    sa.Column('nominations_close', UTCDateTime(timezone=True), nullable=False),
    sa.Column('voting_open', UTCDateTime(timezone=True), nullable=False),
    sa.Column('voting_close', UTCDateTime(timezone=True), nullable=False),
    sa.Column('results_published', UTCDateTime(timezone=True), nullable=True),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('by_election_of', sa.Integer(), nullable=True),
    sa.Column('created', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_election_of'], ['elections_elections.id'], name=op.f('fk_elections_elections_by_election_of_elections_elections'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_elections_elections_centre_id_centres'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_elections_elections'))
    )
    op.create_index(op.f('ix_elections_elections_centre_id'), 'elections_elections', ['centre_id'], unique=False)
    op.create_table('elections_contests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('reserved_seats', sa.Integer(), nullable=False),
    sa.Column('vacancy_rule', sa.String(length=20), nullable=False),
    sa.Column('chain_head', sa.String(length=64), nullable=True),
    sa.Column('result_json', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['election_id'], ['elections_elections.id'], name=op.f('fk_elections_contests_election_id_elections_elections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_elections_contests'))
    )
    op.create_index(op.f('ix_elections_contests_election_id'), 'elections_contests', ['election_id'], unique=False)
    op.create_table('elections_election_texts',
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['elections_elections.id'], name=op.f('fk_elections_election_texts_election_id_elections_elections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_elections_election_texts_translator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('election_id', 'language', name=op.f('pk_elections_election_texts'))
    )
    op.create_table('elections_ballots',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('tracker', sa.String(length=20), nullable=False),
    sa.Column('marks', sa.String(length=500), nullable=False),
    sa.Column('cast_on', sa.Date(), nullable=False),
    sa.Column('paper', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['elections_contests.id'], name=op.f('fk_elections_ballots_contest_id_elections_contests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_elections_ballots')),
    sa.UniqueConstraint('tracker', name=op.f('uq_elections_ballots_tracker')),
    sqlite_with_rowid=False,  # no hidden rowid: nothing records the order of casting
    )
    op.create_index(op.f('ix_elections_ballots_contest_id'), 'elections_ballots', ['contest_id'], unique=False)
    op.create_table('elections_candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('symbol', sa.String(length=30), nullable=False),
    sa.Column('in_group', sa.Boolean(), nullable=False),
    sa.Column('nominated_by_self', sa.Boolean(), nullable=False),
    sa.Column('consent_given', sa.Date(), nullable=True),
    sa.Column('photo_consent', sa.Boolean(), nullable=False),
    sa.Column('photo', sa.LargeBinary(), nullable=True),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contest_id'], ['elections_contests.id'], name=op.f('fk_elections_candidates_contest_id_elections_contests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_elections_candidates_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_elections_candidates')),
    sa.UniqueConstraint('contest_id', 'symbol', name=op.f('uq_elections_candidates_contest_id'))
    )
    op.create_index(op.f('ix_elections_candidates_contest_id'), 'elections_candidates', ['contest_id'], unique=False)
    op.create_table('elections_codes',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('used', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['elections_contests.id'], name=op.f('fk_elections_codes_contest_id_elections_contests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_elections_codes'))
    )
    op.create_index(op.f('ix_elections_codes_contest_id'), 'elections_codes', ['contest_id'], unique=False)
    op.create_table('elections_contest_texts',
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['elections_contests.id'], name=op.f('fk_elections_contest_texts_contest_id_elections_contests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_elections_contest_texts_translator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('contest_id', 'language', name=op.f('pk_elections_contest_texts'))
    )
    op.create_table('elections_paper_entries',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('marks', sa.String(length=500), nullable=False),
    sa.Column('entered_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['elections_contests.id'], name=op.f('fk_elections_paper_entries_contest_id_elections_contests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entered_by'], ['users.id'], name=op.f('fk_elections_paper_entries_entered_by_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_elections_paper_entries'))
    )
    op.create_index(op.f('ix_elections_paper_entries_contest_id'), 'elections_paper_entries', ['contest_id'], unique=False)
    op.create_table('elections_candidate_texts',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('updated', UTCDateTime(timezone=True), nullable=False),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['elections_candidates.id'], name=op.f('fk_elections_candidate_texts_candidate_id_elections_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_elections_candidate_texts_translator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('candidate_id', 'language', name=op.f('pk_elections_candidate_texts'))
    )
    op.create_table('elections_mandates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('starts', sa.Date(), nullable=False),
    sa.Column('ends', sa.Date(), nullable=False),
    sa.Column('vacated', sa.Date(), nullable=True),
    sa.Column('how', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['elections_candidates.id'], name=op.f('fk_elections_mandates_candidate_id_elections_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contest_id'], ['elections_contests.id'], name=op.f('fk_elections_mandates_contest_id_elections_contests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_elections_mandates'))
    )
    op.create_index(op.f('ix_elections_mandates_contest_id'), 'elections_mandates', ['contest_id'], unique=False)


def downgrade():
    op.drop_table("elections_mandates")
    op.drop_table("elections_candidate_texts")
    op.drop_table("elections_paper_entries")
    op.drop_table("elections_contest_texts")
    op.drop_table("elections_codes")
    op.drop_table("elections_candidates")
    op.drop_table("elections_ballots")
    op.drop_table("elections_election_texts")
    op.drop_table("elections_contests")
    op.drop_table("elections_elections")
