"""``sitroom serve``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from sitroom.cli.app import ConfigOption, StoreOption, app, err, settings_for
from sitroom.errors import ConfigError


@app.command(epilog="Examples:\n\n  sitroom serve\n\n  sitroom serve --store sqlite:///war.db --port 9000")
def serve(
    host: Annotated[Optional[str], typer.Option(help="Address to bind (default serve.host: 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port (default serve.port).")] = None,
    config: ConfigOption = None,
    store: StoreOption = None,
) -> None:
    """The web app and REST API (OpenAPI at /api/openapi.json) over the store."""
    try:
        from sitroom.api import serve as run_server
    except ImportError as exc:
        raise ConfigError(f"the web app needs {exc.name}: pip install 'sitroom[web]'") from None

    settings = settings_for(config, store, **{"serve.host": host, "serve.port": port})
    err.print(f"serving {settings.get('store', 'url')} at http://{settings.get('serve', 'host')}:"
              f"{settings.get('serve', 'port')}/", highlight=False)
    run_server(settings)
