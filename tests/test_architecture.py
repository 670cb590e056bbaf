"""The packages depend one way (docs/architecture.md); read from the source with ``ast``, not by importing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "sitroom"


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p) for p in SRC.rglob("*.py")}


def _imports(path: Path) -> set[str]:
    """Every ``sitroom`` module ``path`` imports, at the top or inside a function.

    ``from package import submodule`` counts as importing the submodule (not the package's
    ``__init__``, which Python has already run or is running)."""
    found = set()
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("sitroom"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("sitroom"):
                for alias in node.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found


GRAPH = {_module(p): _imports(p) for p in SRC.rglob("*.py")}


def _edges(module: str) -> set[str]:
    return {m for m in GRAPH[module] if m in MODULES and m != module}


def _in(module: str, package: str) -> bool:
    return module == f"sitroom.{package}" or module.startswith(f"sitroom.{package}.")


@pytest.mark.parametrize("package", ["store", "clean", "api", "report", "web", "kb", "ingest"])
def test_architecture_no_backward_import_of_extraction(package):
    backward = sorted(f"{m} -> {t}" for m in MODULES if _in(m, package) for t in _edges(m) if _in(t, "extract"))
    assert backward == []


def test_architecture_knowledge_base_stands_on_model_data_and_errors_only():
    allowed = {"sitroom.model", "sitroom.data", "sitroom.errors"}
    wrong = sorted(f"{m} -> {t}" for m in MODULES if _in(m, "kb") for t in _edges(m)
                   if not _in(t, "kb") and t not in allowed)
    assert wrong == []


@pytest.mark.parametrize("package", ["link", "store", "extract", "clean", "ingest", "kb"])
def test_architecture_json_shapes_only_at_the_edges(package):
    """``article_json`` and ``analysis_json`` are for the CLI, the API, exports and evaluation."""
    wrong = sorted(m for m in MODULES if _in(m, package) and "sitroom.output" in _edges(m))
    assert wrong == []


def test_architecture_no_import_circles():
    """No module reaches itself through imports (top-level or deferred)."""
    cycles = []
    for start in sorted(MODULES):
        seen, todo = set(), [(start, (start,))]
        while todo:
            module, path = todo.pop()
            for target in _edges(module):
                if target == start:
                    cycles.append(" -> ".join((*path, start)))
                elif target not in seen:
                    seen.add(target)
                    todo.append((target, (*path, target)))
    assert cycles == []


def test_architecture_link_reads_articles_as_records():
    """No ``.get("field")`` on an article in the corpus layer: it works on typed records."""
    fields = {"source", "body", "title", "published", "outlet", "claims", "events", "locations", "persons",
              "organizations", "id"}
    found = []
    for path in (SRC / "link").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                    and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in fields:
                found.append(f"{path.name}:{node.lineno} .get({node.args[0].value!r})")
    assert found == []
