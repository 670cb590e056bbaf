"""The store: one narrow interface over SQLite (default) or PostgreSQL.

Nothing outside this package writes SQL. An article is one publication: one text (its
fingerprint) from one publisher (outlet, else URL host). Adding one is idempotent and atomic: the
same publication twice changes nothing; the same text from another outlet is stored as its own
article in the same copy group; a text with no known publisher adds nothing when its copy is
stored with as much metadata, and is replaced by a copy that names its publisher or carries
more metadata (a feed record's date for a bare file's text). Each article is written in one
transaction, so an interrupted run leaves every article either fully stored or absent, and
re-running it stores only what is missing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event, func, insert, select, text, tuple_, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError, SQLAlchemyError

from sitroom.errors import StoreError
from sitroom.model import Analysis, Article, Failure, described
from sitroom.query import Scope
from sitroom.store.index import claim_rows, entity_rows, event_rows
from sitroom.store.schema import (MIGRATIONS, analysis, articles, claim_index, entity_index, event_index, failures,
                                  metadata, relations, schema_migrations, stories)


@dataclass(frozen=True, slots=True)
class Added:
    article_id: str
    new: bool
    #: ids of stored copies without a publisher that this article replaced
    replaced: tuple[str, ...] = ()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


#: relation fields with columns of their own; the rest is kept as JSON in ``detail``
RELATION_COLUMNS = ("a", "b", "relation", "independent", "why")


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, url: str) -> Store:
        """Open (and migrate) the store at a SQLAlchemy URL, e.g. ``sqlite:///sitroom.db``."""
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(url, future=True)
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"cannot open store {url!r}: {exc}; check store.url") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        store.migrate()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ------------------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Apply missing migrations in order; returns the versions applied now.

        Several processes may open one new store at once: on PostgreSQL an advisory lock serialises
        them; on SQLite a migration that lost the race is retried once the winner has committed.
        """
        for attempt in range(20):
            try:
                return self._migrate()
            except (OperationalError, IntegrityError, ProgrammingError) as exc:
                if attempt == 19 or not _raced(exc):
                    raise StoreError(f"cannot migrate the store: {getattr(exc, 'orig', exc)}") from exc
                time.sleep(0.05 * (attempt + 1))
        return []

    def _migrate(self) -> list[int]:
        applied_now = []
        with self.engine.begin() as conn:
            self._lock(conn)
            schema_migrations.create(conn, checkfirst=True)
        for version, description, apply in MIGRATIONS:
            with self.engine.begin() as conn:
                self._lock(conn)
                done = conn.execute(select(schema_migrations.c.version)
                                    .where(schema_migrations.c.version == version)).first()
                if done:
                    continue
                apply(conn, self.dialect)
                conn.execute(insert(schema_migrations).values(version=version, description=description))
                applied_now.append(version)
        return applied_now

    def _lock(self, conn) -> None:
        if self.dialect == "postgresql":  # held to the end of the transaction
            conn.execute(text("SELECT pg_advisory_xact_lock(7316001)"))

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(schema_migrations.c.version))).scalar() or 0

    # --- writing -----------------------------------------------------------------------------

    def add(self, article: Article) -> Added:
        """Store a publication once (see the module docstring for copies and bare texts)."""
        row = {
            "id": article.id, "source": _text(article.source), "outlet": _text(article.outlet, 200),
            "title": _text(article.title), "published": _text(article.published, 10),
            "language": _text(article.language, 8), "body": _text(article.body),
            "record": json.dumps(article.to_dict(), ensure_ascii=False),
            "fingerprint": article.fingerprint, "publisher": _text(article.publisher, 200),
            "claims": len(article.claims), "events": len(article.events),
        }
        try:
            with self.engine.begin() as conn:
                if found := self._stored_copy(conn, article):
                    return Added(found, new=False)
                bare = self._superseded(conn, article)
                self._delete(conn, bare)
                conn.execute(insert(articles).values(**row))
                if self.dialect == "sqlite":
                    conn.execute(text("INSERT INTO articles_fts (id, title, body) VALUES (:id, :title, :body)"),
                                 {"id": article.id, "title": row["title"] or "", "body": row["body"] or ""})
                conn.execute(failures.delete().where(failures.c.source == article.source))
                for table, rows in ((event_index, event_rows(article)), (claim_index, claim_rows(article)),
                                    (entity_index, entity_rows(article))):
                    if rows:
                        conn.execute(insert(table), _fit(table, rows))
        except IntegrityError:  # stored by a concurrent writer in the meantime
            return Added(article.id, new=False)
        return Added(article.id, new=True, replaced=tuple(bare))

    @staticmethod
    def _stored_copy(conn, article: Article) -> str | None:
        """The id of the stored article that makes ``article`` nothing new, if any."""
        same_text = articles.c.fingerprint == article.fingerprint
        if article.publisher is not None:
            if conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first():
                return article.id
            return conn.execute(select(articles.c.id).where(same_text & (articles.c.publisher == article.publisher))
                                .limit(1)).scalar()
        wanted = article.described_by()
        for article_id, publisher, record in conn.execute(
                select(articles.c.id, articles.c.publisher, articles.c.record).where(same_text)
                .order_by(articles.c.id)):
            if publisher is not None or wanted <= _described(record):
                return article_id
        return None

    @staticmethod
    def _superseded(conn, article: Article) -> list[str]:
        """Stored copies without a publisher that ``article`` tells more about (publisher or metadata)."""
        rows = conn.execute(select(articles.c.id, articles.c.record).where(
            (articles.c.fingerprint == article.fingerprint) & articles.c.publisher.is_(None)))
        return [i for i, record in rows if article.publisher is not None or _described(record) < article.described_by()]

    def _delete(self, conn, ids: list[str]) -> None:
        if not ids:
            return
        for table, column in ((event_index, event_index.c.article_id), (claim_index, claim_index.c.article_id),
                              (entity_index, entity_index.c.article_id),
                              (stories, stories.c.article_id), (articles, articles.c.id)):
            conn.execute(table.delete().where(column.in_(ids)))
        if self.dialect == "sqlite":
            for i in ids:
                conn.execute(text("DELETE FROM articles_fts WHERE id = :id"), {"id": i})

    def add_failure(self, failure: Failure) -> None:
        """Record why an input failed; the latest reason per source and stage is kept."""
        with self.engine.begin() as conn:
            where = (failures.c.source == failure.source) & (failures.c.stage == failure.stage)
            if conn.execute(select(failures.c.id).where(where)).first():
                conn.execute(update(failures).where(where).values(reason=failure.reason))
            else:
                conn.execute(insert(failures).values(source=failure.source, stage=failure.stage,
                                                     reason=failure.reason))

    # --- reading -----------------------------------------------------------------------------

    def knows(self, article: Article) -> bool:
        """Whether adding ``article`` would store nothing new (checked before processing it)."""
        with self.engine.connect() as conn:
            return self._stored_copy(conn, article) is not None

    def copies(self, article_id: str) -> list[str]:
        """Ids of every stored article with the same text as ``article_id`` (itself included)."""
        with self.engine.connect() as conn:
            fingerprint = select(articles.c.fingerprint).where(articles.c.id == article_id).scalar_subquery()
            return list(conn.execute(select(articles.c.id).where(articles.c.fingerprint == fingerprint)
                                     .order_by(articles.c.id)).scalars())

    def get(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            record = conn.execute(select(articles.c.record).where(articles.c.id == article_id)).scalar()
        return Article.from_dict(json.loads(record)) if record else None

    def get_many(self, ids: list[str]) -> dict[str, Article]:
        """Articles by id, in one query per 500 ids."""
        out: dict[str, Article] = {}
        unique = list(dict.fromkeys(ids))
        with self.engine.connect() as conn:
            for k in range(0, len(unique), 500):
                chunk = unique[k:k + 500]
                for i, record in conn.execute(select(articles.c.id, articles.c.record).where(articles.c.id.in_(chunk))):
                    out[i] = Article.from_dict(json.loads(record))
        return out

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar() or 0

    def articles(self, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        query = select(articles.c.record).order_by(articles.c.published, articles.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield Article.from_dict(json.loads(record))

    def failures(self) -> list[Failure]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures.c.source, failures.c.reason, failures.c.stage)
                                .order_by(failures.c.id)).all()
        return [Failure(source, reason, stage) for source, reason, stage in rows]

    # --- queries ------------------------------------------------------------------------------

    def find_event_ids(self, *, place: str | None = None, region: str | None = None,
                       bbox: tuple[float, float, float, float] | None = None, since: str | None = None,
                       until: str | None = None, type: str | None = None, status: str | None = None,
                       claimed_by: str | None = None, outlet: str | None = None,
                       limit: int = 100, offset: int = 0) -> list[tuple[str, str]]:
        """(event id, article id) of the events matching every filter given, newest first.

        ``region`` matches an oblast and everything in it; ``bbox`` is (west, south, east, north).
        Load the articles with :meth:`get_many`; :func:`sitroom.output.items_json` shapes them.
        """
        c = event_index.c
        day = func.max(c.date).label("day")  # one row per event (an event has a row per place)
        query = select(c.event_id, c.article_id, day).group_by(c.event_id, c.article_id)
        for condition in Scope(place, region, bbox).where(c.place, c.admin1, c.lat, c.lon):
            query = query.where(condition)
        for column, value in ((c.type, type), (c.status, status), (c.claimed_by, claimed_by), (c.outlet, outlet)):
            if value:
                query = query.where(column == value)
        if since:
            query = query.where(c.date >= since)
        if until:
            query = query.where(c.date <= until)
        query = query.order_by(day.desc().nulls_last(), c.event_id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [(e, a) for e, a, _ in conn.execute(query)]

    def find_claim_ids(self, *, speaker: str | None = None, side: str | None = None, outlet: str | None = None,
                       since: str | None = None, until: str | None = None, article_ids: list[str] | None = None,
                       limit: int = 100, offset: int = 0) -> list[tuple[str, str]]:
        """(claim id, article id) of the claims matching every filter given, newest first."""
        c = claim_index.c
        query = select(c.claim_id, c.article_id)
        for column, value in ((c.speaker, speaker), (c.side, side), (c.outlet, outlet)):
            if value:
                query = query.where(column == value)
        if since:
            query = query.where(c.published >= since)
        if until:
            query = query.where(c.published <= until)
        if article_ids is not None:
            query = query.where(c.article_id.in_(article_ids))
        query = query.order_by(c.published.desc().nulls_last(), c.claim_id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [(i, a) for i, a in conn.execute(query)]

    # --- corpus analysis ----------------------------------------------------------------------

    def save_analysis(self, result: Analysis | dict[str, Any], state: dict[str, Any] | None = None,
                      extends: bool = False) -> None:
        """Replace the stored analysis (stories, relations, claim groups, outlets) in one transaction.

        ``result`` is an :class:`~sitroom.model.Analysis` or its parts as JSON values
        (:meth:`~sitroom.model.Analysis.parts`); story members are article ids. ``state`` is the
        analysis's working state (:meth:`sitroom.link.corpus.CorpusAnalysis.to_state`), kept so that
        new articles extend the analysis instead of redoing it; without it, the next update rebuilds.
        With ``extends``, ``result`` extends the stored analysis: only new story members and
        relations are written, and relations it no longer holds are deleted.
        """
        if isinstance(result, Analysis):
            result = result.parts()
        members = {member: s["id"] for s in result.get("stories") or [] for member in s["articles"]}
        found = {(r["a"], r["b"]): r for r in result.get("relations") or []}
        with self.engine.begin() as conn:
            conn.execute(analysis.delete())
            if extends:  # rows already stored stay: an article keeps its story, a relation its content
                held = set(conn.execute(select(stories.c.article_id)).scalars())
                members = {m: s for m, s in members.items() if m not in held}
                stored = {(a, b) for a, b in conn.execute(select(relations.c.a, relations.c.b))}
                stale = list(stored - found.keys())  # relations no longer among their claims' strongest
                for k in range(0, len(stale), 500):
                    conn.execute(relations.delete().where(tuple_(relations.c.a, relations.c.b).in_(stale[k:k + 500])))
                found = {k: r for k, r in found.items() if k not in stored}
            else:
                for table in (stories, relations):
                    conn.execute(table.delete())
            if members:
                conn.execute(insert(stories), [{"article_id": m, "story_id": s} for m, s in members.items()])
            rels = [{**{k: r[k] for k in RELATION_COLUMNS}, "independent": int(r["independent"]),
                     "detail": json.dumps({k: v for k, v in r.items() if k not in RELATION_COLUMNS}, ensure_ascii=False)}
                    for r in found.values()]
            if rels:
                conn.execute(insert(relations), rels)
            parts = [{"part": k, "record": json.dumps(result.get(k), ensure_ascii=False)}
                     for k in ("claim_groups", "outlets", "syndication", "stories")]
            if state is not None:
                parts.append({"part": STATE, "record": orjson.dumps(state).decode()})
            conn.execute(insert(analysis), parts)

    def load_state(self) -> dict[str, Any] | None:
        """The working state saved with the analysis, if any (see :meth:`save_analysis`)."""
        with self.engine.connect() as conn:
            record = conn.execute(select(analysis.c.record).where(analysis.c.part == STATE)).scalar()
        return orjson.loads(record) if record else None

    def analysis_lock(self) -> AbstractContextManager[None]:
        """Held while the analysis is read, extended and saved, so that two writers do not interleave."""
        if self.dialect == "postgresql":
            return _advisory_lock(self.engine)
        if self.engine.url.database not in (None, "", ":memory:"):
            return _file_lock(Path(f"{self.engine.url.database}.analysis.lock"))
        return nullcontext()

    def ids(self) -> list[str]:
        """Every stored article id, in corpus order (:func:`sitroom.link.corpus.corpus_order`)."""
        from sitroom.link.corpus import corpus_key

        c = articles.c
        with self.engine.connect() as conn:  # sorted here: a server's collation may order text otherwise
            rows = conn.execute(select(c.published, c.source, c.id)).all()
        return [row[2] for row in sorted(rows, key=lambda row: corpus_key(*row))]

    def bodies(self, ids: list[str]) -> dict[str, str]:
        """Article id -> body text, for the ids given that are stored."""
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for k in range(0, len(ids), 500):
                out.update(conn.execute(select(articles.c.id, articles.c.body).where(articles.c.id.in_(ids[k:k + 500]))
                                        ).all())
        return {i: body or "" for i, body in out.items()}

    def load_analysis(self, parts: Iterable[str] | None = None) -> dict[str, Any]:
        """The stored analysis; only ``parts`` of it when given ("stories", "claim_groups",
        "relations", ...), so a request that needs the stories does not read 30,000 relations."""
        wanted = None if parts is None else set(parts)
        query = select(analysis.c.part, analysis.c.record).where(analysis.c.part != STATE)
        if wanted is not None:
            query = query.where(analysis.c.part.in_(sorted(wanted - {"relations"})))
        with self.engine.connect() as conn:
            parts = {p: json.loads(r) for p, r in conn.execute(query)}
            if wanted is not None and "relations" not in wanted:
                return parts
            parts["relations"] = [
                {"a": a, "b": b, "relation": rel, "independent": bool(ind), "why": why, **json.loads(detail or "{}")}
                for a, b, rel, ind, why, detail in conn.execute(select(
                    relations.c.a, relations.c.b, relations.c.relation, relations.c.independent, relations.c.why,
                    relations.c.detail))]
        return parts

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies: ``[{"id", "title", "snippet"}]``, best first."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                rows = conn.execute(text(
                    "SELECT id, title, snippet(articles_fts, 2, '[', ']', ' … ', 12) FROM articles_fts "
                    "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"), {"q": _fts_query(query), "n": limit})
            else:
                rows = conn.execute(text(
                    "SELECT id, title, ts_headline('simple', body, plainto_tsquery('simple', :q), "
                    "'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=\" … \"') "
                    "FROM articles "
                    "WHERE to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, '')) "
                    "@@ plainto_tsquery('simple', :q) LIMIT :n"), {"q": query, "n": limit})
            return [{"id": i, "title": t, "snippet": s} for i, t, s in rows]


#: the ``analysis`` part that holds the analysis's working state
STATE = "state"


@contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(7316002)"))
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(7316002)"))
            conn.commit()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    import fcntl

    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _raced(exc: Exception) -> bool:
    """Whether a migration failed because another process was migrating the same store."""
    message = str(getattr(exc, "orig", exc)).lower()
    return any(m in message for m in ("already exists", "locked", "duplicate key", "unique constraint"))


def _text(value: str | None, limit: int | None = None) -> str | None:
    """A value as an index column holds it: no NUL characters (PostgreSQL refuses them in text),
    cut to the column's width. The record itself (JSON, NULs escaped) keeps everything."""
    if value is None:
        return None
    value = value.replace("\x00", "")
    return value[:limit] if limit is not None else value


def _fit(table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Index rows with their text cut to the columns' widths and free of NULs (see :func:`_text`)."""
    widths = {c.name: getattr(c.type, "length", None) for c in table.columns}
    return [{k: _text(v, widths.get(k)) if isinstance(v, str) else v for k, v in row.items()} for row in rows]


def _described(record: str) -> frozenset[str]:
    return described(json.loads(record).get("meta") or {})


def _fts_query(query: str) -> str:
    """User words as FTS5 terms, quoted so that punctuation cannot break the syntax."""
    terms = [t.replace('"', "") for t in query.split()]
    return " ".join(f'"{t}"' for t in terms if t) or '""'


__all__ = ["Added", "Store", "metadata"]
