"""A throw-away PostgreSQL cluster for the test run: initdb in a temporary folder, a server on a
Unix socket there (no TCP port), one database; stopped and removed at the end of the session.

PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` user (which
Debian's package creates). ``make test`` installs Debian's ``postgresql``; without its binaries the
PostgreSQL cases are skipped with that reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN_DIRS = [Path(p) for p in ("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
                              "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin")]


def binaries() -> Path | None:
    for folder in BIN_DIRS:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield a SQLAlchemy URL of a fresh database on it."""
    folder = binaries()
    if folder is None:
        raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) not found; `make test` installs them")
    root = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
    data, socket = root / "data", root / "sock"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket, "postgres")
    log = root / "server.log"
    try:
        subprocess.run(_as_owner([str(folder / "initdb"), "-D", str(data), "-U", "sitroom", "-A", "trust",
                                  "-E", "UTF8", "--no-locale"]), check=True, capture_output=True)
        subprocess.run(_as_owner([str(folder / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
                                  f"-k {socket} -c listen_addresses='' -c fsync=off", "start"]),
                       check=True, capture_output=True)
        for _ in range(50):
            if any(socket.glob(".s.PGSQL.*")):
                break
            time.sleep(0.1)
        yield f"postgresql+psycopg://sitroom@/postgres?host={socket}"
    finally:
        subprocess.run(_as_owner([str(folder / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(admin_url: str, name: str) -> str:
    """Create database ``name`` on the cluster (dropping an older one) and return its URL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.replace("/postgres?", f"/{name}?")
