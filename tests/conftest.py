"""Shared fixtures. Tests that need the real articles read ../shared at run time and skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# deterministic on any machine: the same examples every run, and no per-example deadline that a
# loaded CI runner could miss
hypothesis_settings.register_profile("sitroom", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.load_profile("sitroom")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def settings():
    from sitroom.config import load_settings

    return load_settings(env={})


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throw-away PostgreSQL server for the session (tests/support/postgres.py)."""
    from tests.support import postgres

    if postgres.binaries() is None:
        pytest.skip("PostgreSQL binaries not found; `make test` installs Debian's postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed; `make test` installs the postgres extra")
    with postgres.cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A store URL for each backend: a SQLite file, and a fresh database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    from tests.support import postgres

    admin = request.getfixturevalue("postgres_cluster")
    return postgres.fresh_database(admin, f"t{abs(hash(request.node.nodeid)) % 10**12}")


@pytest.fixture(scope="session")
def sample_articles():
    """The bundled sample corpus through the pipeline, once per session."""
    from sitroom.config import load_settings
    from sitroom.model import Article
    from sitroom.process import process, read
    from sitroom.report.situation import SAMPLE_DIR

    settings = load_settings(env={})
    return [a for a in process(read([SAMPLE_DIR], settings), settings) if isinstance(a, Article)]
