"""Wrong input on the command line: one line on stderr naming what is wrong, exit code 2."""

import sys

import pytest

from sitroom.cli import main


def run(argv, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["sitroom", *argv])
    with pytest.raises(SystemExit) as stop:
        main()
    captured = capsys.readouterr()
    return stop.value.code, captured.err.strip()


@pytest.mark.parametrize("argv, expected", [
    (["export", "events", "--bbox", "1,2,x"], "--bbox"),
    (["report", "--bbox", "3,2,1,0"], "west must not exceed east"),
    (["export", "claims", "--status", "bogus"], "'bogus' is not one of 'claimed', 'reported'"),
    (["export", "things"], "'things' is not one of 'events', 'claims'"),
    (["export", "events", "-o", "events.xyz"], "unknown output suffix .xyz"),
    (["ingest", "no/such/folder"], "no such file or directory: no/such/folder"),
    (["analyze", "no/such/*.jsonl"], "no such file or directory"),
    (["nosuchcommand"], "No such command"),
])
def test_usage_errors_are_one_line_and_exit_2(argv, expected, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, err = run(argv, monkeypatch, capsys)
    assert code == 2 and expected in err and len(err.splitlines()) == 1, err
    assert not (tmp_path / "events.xyz").exists() and not (tmp_path / "sitroom.db").exists()


def test_usage_wrong_setting_value_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITROOM_PIPELINE_ON_ERROR", "ignore")
    (tmp_path / "a.txt").write_text("Shelling was reported in Kharkiv on Monday.")
    code, err = run(["ingest", "a.txt"], monkeypatch, capsys)
    assert code == 2 and "pipeline.on_error" in err and len(err.splitlines()) == 1, err


def test_usage_help_exits_0(monkeypatch, capsys):
    code, _ = run(["export", "--help"], monkeypatch, capsys)
    assert code == 0
