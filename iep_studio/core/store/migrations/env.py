"""Alembic environment: runs on the connection the app hands in (see upgrade_to_head)."""
from alembic import context

from iep_studio.core.model import Base

connection = context.config.attributes.get("connection")
if connection is None:  # developers: alembic -x url=sqlite:///dev.sqlite revision --autogenerate
    from iep_studio.core.store.database import make_engine

    engine = make_engine(context.get_x_argument(as_dictionary=True)["url"], foreign_keys=False)
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by rebuilding them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
