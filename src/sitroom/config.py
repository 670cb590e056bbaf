"""Settings: defaults < project file < environment < explicit overrides.

Every default lives in ``defaults.toml`` beside this module, with a comment. Nothing here reads
the process environment by itself: the caller (the CLI) passes it in.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigError

ENV_PREFIX = "SITROOM_"


def _defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("sitroom").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    if isinstance(like, list):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


@dataclass(frozen=True)
class Settings:
    """Resolved settings, read as ``settings.get("store", "url")`` or ``settings.store["url"]``."""

    values: dict[str, dict[str, Any]]

    def get(self, section: str, key: str) -> Any:
        try:
            return self.values[section][key]
        except KeyError:
            raise ConfigError(f"unknown setting {section}.{key}; see sitroom/defaults.toml") from None

    def __getattr__(self, section: str) -> dict[str, Any]:
        try:
            return self.values[section]
        except KeyError:
            raise AttributeError(section) from None


def load_settings(
    project_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve settings. ``overrides`` keys are ``"section.key"``; ``None`` values are ignored."""
    values = _defaults()
    if project_file is None and Path("sitroom.toml").is_file():
        project_file = Path("sitroom.toml")
    if project_file is not None:
        path = Path(project_file)
        try:
            project = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        for section, table in project.items():
            if section not in values or not isinstance(table, dict):
                raise ConfigError(f"{path}: unknown section [{section}]; see sitroom/defaults.toml")
            for key, value in table.items():
                _check_key(values, section, key, str(path))
                values[section][key] = value
    for name, raw in (env or {}).items():
        if not name.startswith(ENV_PREFIX):
            continue
        section, _, key = name[len(ENV_PREFIX):].lower().partition("_")
        if section in values and key in values[section]:
            values[section][key] = _coerce(raw, values[section][key])
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        _check_key(values, section, key, "override")
        values[section][key] = value
    return Settings(values)


def _check_key(values: dict[str, dict[str, Any]], section: str, key: str, where: str) -> None:
    if section not in values or key not in values[section]:
        raise ConfigError(f"{where}: unknown setting {section}.{key}; see sitroom/defaults.toml")
