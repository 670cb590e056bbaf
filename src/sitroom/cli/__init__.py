"""The ``sitroom`` command line: thin commands, one module each, over plain functions in
:mod:`sitroom.process`; the options they share are defined once in :mod:`sitroom.cli.app`.

This is the only place that reads the process environment and turns errors into exit codes
(see :func:`main`).
"""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

# each command module registers its command on ``app``; --help lists them in this order
from sitroom.cli import ingest, extract, analyze, export, report, serve, evaluate, demo  # noqa: F401, I001
from sitroom.cli.app import app, err
from sitroom.errors import SitroomError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: usage errors and sitroom's own errors become one line on stderr and exit code 2."""
    # typer (pinned) vendors click; its usage errors are these classes, not click's own
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx is not None else "")
        sys.exit(0)
    except UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "sitroom"
        message = exc.format_message().replace("Value error, ", "")
        err.print(f"[red]{escape(where)}:[/] {escape(message)}", highlight=False)
        sys.exit(2)
    except SitroomError as exc:
        err.print(f"[red]sitroom:[/] {escape(str(exc))}", highlight=False)
        sys.exit(2)
    except typer.Abort:
        err.print("[red]sitroom:[/] interrupted", highlight=False)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
