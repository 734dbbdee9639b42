"""Markdown rendered once per text revision: content_texts.body_html

Revision ID: 0006_rendered_markdown
Revises: 0005_change_counters
Create Date: 2026-12-01

The rows already there are rendered here, with the portal's renderer of this release.
"""
import sqlalchemy as sa
from alembic import op

from portal.rendering import render_markdown

revision = "0006_rendered_markdown"
down_revision = "0005_change_counters"
branch_labels = None
depends_on = None

texts = sa.table("content_texts", sa.column("content_id", sa.Integer),
                 sa.column("language", sa.String), sa.column("body", sa.Text),
                 sa.column("body_html", sa.Text))


def upgrade():
    with op.batch_alter_table("content_texts") as batch:
        batch.add_column(sa.Column("body_html", sa.Text(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.select(texts.c.content_id, texts.c.language, texts.c.body)).all()
    for content_id, language, body in rows:
        connection.execute(texts.update().where(texts.c.content_id == content_id,
                                                texts.c.language == language)
                           .values(body_html=str(render_markdown(body))))


def downgrade():
    with op.batch_alter_table("content_texts") as batch:
        batch.drop_column("body_html")
