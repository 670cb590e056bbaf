"""Settings: defaults < project file < environment < explicit overrides.

Every default lives in ``defaults.toml`` beside this module, with a comment; a setting's type is
its default's type, and settings with a fixed set of values list them in :data:`CHOICES`. A wrong
key, type or value is a :class:`~sitroom.errors.ConfigError` naming the setting. The project file
is given explicitly (``--config`` or ``SITROOM_CONFIG``), never picked up from the working
folder. Nothing here reads the process environment by itself: the caller (the CLI) passes it in.
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
#: the environment variable naming the project file
CONFIG_ENV = "SITROOM_CONFIG"
#: settings that take one of a fixed set of values
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {("pipeline", "on_error"): ("record", "skip", "raise")}


def _defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("sitroom").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _coerce(value: str, like: Any, name: str) -> Any:
    try:
        if isinstance(like, bool):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(like, int):
            return int(value.replace("_", ""))
        if isinstance(like, float):
            return float(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r}: expected {type(like).__name__}") from None
    if isinstance(like, list):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


def _check_value(section: str, key: str, value: Any, like: Any, where: str) -> None:
    """A value must have its default's type (an int where a float is expected is fine) and be a choice."""
    kind = float if isinstance(like, float) else type(like)
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        ok = True
    if not ok:
        raise ConfigError(f"{where}: {section}.{key} = {value!r} must be {kind.__name__}; see sitroom/defaults.toml")
    choices = CHOICES.get((section, key))
    if choices and value not in choices:
        raise ConfigError(f"{where}: {section}.{key} = {value!r} must be one of {', '.join(choices)}")


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
    defaults = {section: dict(table) for section, table in values.items()}
    if project_file is None and (env or {}).get(CONFIG_ENV):
        project_file = (env or {})[CONFIG_ENV]
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
                _check_value(section, key, value, defaults[section][key], str(path))
                values[section][key] = value
    for name, raw in (env or {}).items():
        if not name.startswith(ENV_PREFIX):
            continue
        section, _, key = name[len(ENV_PREFIX):].lower().partition("_")
        if section in values and key in values[section]:
            value = _coerce(raw, values[section][key], name)
            _check_value(section, key, value, defaults[section][key], name)
            values[section][key] = value
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        _check_key(values, section, key, "override")
        _check_value(section, key, value, defaults[section][key], f"--{section}.{key}")
        values[section][key] = value
    return Settings(values)


def _check_key(values: dict[str, dict[str, Any]], section: str, key: str, where: str) -> None:
    if section not in values or key not in values[section]:
        raise ConfigError(f"{where}: unknown setting {section}.{key}; see sitroom/defaults.toml")
