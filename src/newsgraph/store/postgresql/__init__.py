"""The PostgreSQL backend of the Store protocol (psycopg 3): `open_store("postgresql://...")`."""

from newsgraph.store.postgresql.store import PostgreSQLStore

__all__ = ["PostgreSQLStore"]
