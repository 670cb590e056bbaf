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
    Column("fingerprint", String(32)),   # the text's fingerprint: one copy group
    Column("publisher", String(200)),    # who published it, as read (outlet or URL host); NULL for a bare text
    Column("claims", Integer),           # how many claims and events the article has
    Column("events", Integer),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_fingerprint", articles.c.fingerprint)

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
    Column("detail", Text),  # the rest of the relation (type, confidence, sides, evidence, propositions) as JSON
)

analysis = Table(  # the latest corpus analysis, part by part (claim groups, outlet profiles, ...)
    "analysis", metadata,
    Column("part", String(40), primary_key=True),
    Column("record", Text, nullable=False),
    Column("computed_at", DateTime(timezone=True), server_default=func.now()),
)


from sqlalchemy import Float  # noqa: E402

event_index = Table(  # one row per event and place, for filtering by place, region, box, date, type, status
    "event_index", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("place", String(200), primary_key=True),
    Column("article_id", String(32), nullable=False, index=True),
    Column("type", String(40), nullable=False),
    Column("date", String(10)),
    Column("published", String(10)),
    Column("status", String(20)),
    Column("claimed_by", String(300)),
    Column("outlet", String(200)),
    Column("admin1", String(200)),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
)
Index("ix_event_index_place", event_index.c.place)
Index("ix_event_index_admin1", event_index.c.admin1)
Index("ix_event_index_date", event_index.c.date)

claim_index = Table(
    "claim_index", metadata,
    Column("claim_id", String(64), primary_key=True),
    Column("article_id", String(32), nullable=False, index=True),
    Column("speaker", String(300), nullable=False, index=True),
    Column("side", String(20)),
    Column("outlet", String(200)),
    Column("published", String(10), index=True),
)


entity_index = Table(  # one row per canonical entity and article: places, people, bodies, for the read model
    "entity_index", metadata,
    Column("article_id", String(32), primary_key=True),
    Column("label", String(20), primary_key=True),
    Column("canonical", String(300), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("kind", String(40)),
    Column("side", String(20)),
    Column("role", String(200)),
    Column("country", String(2)),
    Column("admin1", String(200)),
    Column("lat", Float),
    Column("lon", Float),
    Column("ref", String(40)),
)
Index("ix_entity_index_canonical", entity_index.c.label, entity_index.c.canonical)
Index("ix_entity_index_admin1", entity_index.c.admin1)


def _query_indexes(conn: Connection, dialect: str) -> None:
    import json

    from sitroom.model import Article
    from sitroom.store.index import claim_rows, event_rows

    for table in (event_index, claim_index):
        table.create(conn, checkfirst=True)
    for index in event_index.indexes | claim_index.indexes:
        index.create(conn, checkfirst=True)
    for (record,) in conn.execute(articles.select().with_only_columns(articles.c.record)):  # backfill
        article = Article.from_dict(json.loads(record))
        if rows := event_rows(article):
            conn.execute(event_index.insert(), rows)
        if rows := claim_rows(article):
            conn.execute(claim_index.insert(), rows)


def _analysis_tables(conn: Connection, dialect: str) -> None:
    for table in (stories, relations, analysis):
        table.create(conn, checkfirst=True)


def _relation_detail(conn: Connection, dialect: str) -> None:
    from sqlalchemy import inspect

    if "detail" not in {c["name"] for c in inspect(conn).get_columns("relations")}:  # new stores have it
        conn.execute(text("ALTER TABLE relations ADD COLUMN detail TEXT"))


def _publications(conn: Connection, dialect: str) -> None:
    """Articles get their copy group (text fingerprint) and publisher; stored ids stay as they are."""
    import json

    from sqlalchemy import inspect

    from sitroom.model import content_id, publication_key

    have = {c["name"] for c in inspect(conn).get_columns("articles")}
    for name, kind in (("fingerprint", "VARCHAR(32)"), ("publisher", "VARCHAR(200)")):
        if name not in have:  # new stores have them from migration 1
            conn.execute(text(f"ALTER TABLE articles ADD COLUMN {name} {kind}"))
    rows = conn.execute(articles.select().with_only_columns(articles.c.id, articles.c.record)
                        .where(articles.c.fingerprint.is_(None))).all()
    for article_id, record in rows:
        data = json.loads(record)
        conn.execute(articles.update().where(articles.c.id == article_id).values(
            fingerprint=data.get("fingerprint") or content_id(data.get("raw_text") or ""),
            publisher=publication_key(data.get("meta") or {})))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_fingerprint ON articles (fingerprint)"))


def _read_model(conn: Connection, dialect: str) -> None:
    """The entity index and per-article claim and event counts, backfilled from the stored records."""
    import json

    from sqlalchemy import inspect

    from sitroom.model import Article
    from sitroom.store.index import entity_rows

    have = {c["name"] for c in inspect(conn).get_columns("articles")}
    for name in ("claims", "events"):
        if name not in have:
            conn.execute(text(f"ALTER TABLE articles ADD COLUMN {name} INTEGER"))
    entity_index.create(conn, checkfirst=True)
    for index in entity_index.indexes:
        index.create(conn, checkfirst=True)
    rows = conn.execute(articles.select().with_only_columns(articles.c.id, articles.c.record)
                        .where(articles.c.claims.is_(None))).all()
    for article_id, record in rows:
        article = Article.from_dict(json.loads(record))
        conn.execute(articles.update().where(articles.c.id == article_id)
                     .values(claims=len(article.claims), events=len(article.events)))
        conn.execute(entity_index.delete().where(entity_index.c.article_id == article_id))
        if found := entity_rows(article):
            conn.execute(entity_index.insert(), found)


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
    (3, "event and claim indexes for queries", _query_indexes),
    (4, "relation detail: type, confidence, sides, evidence, propositions", _relation_detail),
    (5, "publications: text fingerprint (copy group) and publisher per article", _publications),
    (6, "read model: entity index, claim and event counts per article", _read_model),
]
