"""Tables and versioned migrations, in portable SQLAlchemy Core.

Each migration is ``(version, description, function(connection, dialect_name))``. Applied
versions are recorded in ``schema_migrations``; opening a store applies the missing ones in order,
each in its own transaction. Dialect-specific full-text search lives here and in
:mod:`sitroom.store` only: SQLite gets an FTS5 table, PostgreSQL a GIN index on a tsvector.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (Column, Connection, DateTime, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, func, text)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), server_default=func.now()),
)

articles = Table(
    "articles", metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("outlet", String(200)),
    Column("title", Text),
    Column("published", String(10)),
    Column("language", String(8)),
    Column("body", Text),
    Column("record", Text, nullable=False),  # Article.to_dict() as JSON
    Column("ingested_at", DateTime(timezone=True), server_default=func.now()),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("stage", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), server_default=func.now()),
    UniqueConstraint("source", "stage", name="uq_failures_source_stage"),
)


stories = Table(
    "stories", metadata,
    Column("article_id", String(32), primary_key=True),
    Column("story_id", String(64), nullable=False, index=True),
)

relations = Table(
    "relations", metadata,
    Column("a", String(64), primary_key=True),
    Column("b", String(64), primary_key=True),
    Column("relation", String(20), nullable=False),
    Column("independent", Integer, nullable=False),
    Column("why", Text, nullable=False),
)

analysis = Table(  # the latest corpus analysis, part by part (claim groups, outlet profiles, ...)
    "analysis", metadata,
    Column("part", String(40), primary_key=True),
    Column("record", Text, nullable=False),
    Column("computed_at", DateTime(timezone=True), server_default=func.now()),
)


def _analysis_tables(conn: Connection, dialect: str) -> None:
    for table in (stories, relations, analysis):
        table.create(conn, checkfirst=True)


def _initial(conn: Connection, dialect: str) -> None:
    for table in (articles, failures):
        table.create(conn, checkfirst=True)
    for index in articles.indexes:
        index.create(conn, checkfirst=True)
    if dialect == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
            "id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')"
        ))
    elif dialect == "postgresql":
        conn.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, '')))"
        ))


Migration = tuple[int, str, Callable[[Connection, str], None]]

MIGRATIONS: list[Migration] = [
    (1, "articles, failures, full-text search", _initial),
    (2, "stories, relations, corpus analysis", _analysis_tables),
]
