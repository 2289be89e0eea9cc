"""Alembic environment: the engine comes from ``tweetguard.service.db.migrate``."""

from __future__ import annotations

from alembic import context

from tweetguard.service.schema import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
