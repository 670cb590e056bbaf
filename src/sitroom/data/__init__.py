"""Shipped data: gazetteer, registry, lexicons and the sample corpus, read through importlib.resources."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def lexicon_text(name: str) -> str:
    """The text of ``data/lexicons/<name>.toml``."""
    return resources.files("sitroom").joinpath("data", "lexicons", f"{name}.toml").read_text(encoding="utf-8")


def load_lexicon(name: str) -> dict[str, Any]:
    """``data/lexicons/<name>.toml`` parsed."""
    return tomllib.loads(lexicon_text(name))
