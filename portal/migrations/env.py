from alembic import context

from portal.models.meta import Base

config = context.config


def run_migrations_online():
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("portal migrations run online only (portal-migrate <ini>)")
run_migrations_online()
