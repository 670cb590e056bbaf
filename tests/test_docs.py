"""The docs must keep up with the code: every command, setting and output field is documented."""

import re
import tomllib
from pathlib import Path

import typer.main

from sitroom.cli import app
from sitroom.model import Article
from sitroom.output import article_json

REPO = Path(__file__).resolve().parents[1]


def test_docs_every_cli_command_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = typer.main.get_command(app).commands
    missing = [name for name in commands if f"sitroom {name}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_docs_every_setting_in_configuration_md():
    defaults = tomllib.loads((REPO / "src/sitroom/defaults.toml").read_text(encoding="utf-8"))
    doc = (REPO / "docs/configuration.md").read_text(encoding="utf-8")
    missing = [f"{s}.{k}" for s, table in defaults.items() for k in table if f"`{s}.{k}`" not in doc]
    assert not missing, f"settings missing from docs/configuration.md: {missing}"


def test_docs_every_output_field_in_schema():
    doc = (REPO / "docs/output-schema.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)`", doc, re.MULTILINE))
    documented |= {f for row in re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)+)", doc, re.MULTILINE)
                   for f in re.findall(r"`([a-z_]+)`", row)}
    output = article_json(Article("x.txt", "A line of text.", body="A line of text."))
    missing = sorted(set(output) - documented)
    assert not missing, f"output fields missing from docs/output-schema.md: {missing}"
