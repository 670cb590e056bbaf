"""The examples of docs/python-api.md run, in order, in an empty folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sitroom

DOC = Path(__file__).resolve().parents[1] / "docs" / "python-api.md"


def test_python_api_names_are_importable():
    for name in sitroom.__all__:
        assert getattr(sitroom, name) is not None, name
    with pytest.raises(AttributeError):
        sitroom.not_a_name  # noqa: B018


@pytest.mark.slow
def test_python_api_page_examples_run(tmp_path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 5
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    for k, block in enumerate(blocks):
        exec(compile(block, f"{DOC.name} example {k + 1}", "exec"), scope)  # noqa: S102
