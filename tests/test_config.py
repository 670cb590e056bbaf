import pytest

from sitroom.config import load_settings
from sitroom.errors import ConfigError


def test_config_precedence(tmp_path):
    project = tmp_path / "sitroom.toml"
    project.write_text('[store]\nurl = "sqlite:///project.db"\n[ingest]\nmax_bytes = 10\n')
    assert load_settings(env={}).get("store", "url") == "sqlite:///sitroom.db"
    assert load_settings(project, env={}).get("store", "url") == "sqlite:///project.db"
    env = {"SITROOM_STORE_URL": "sqlite:///env.db", "SITROOM_INGEST_MAX_BYTES": "99"}
    settings = load_settings(project, env=env)
    assert settings.get("store", "url") == "sqlite:///env.db" and settings.get("ingest", "max_bytes") == 99
    settings = load_settings(project, env=env, overrides={"store.url": "sqlite:///flag.db", "ingest.max_bytes": None})
    assert settings.get("store", "url") == "sqlite:///flag.db" and settings.get("ingest", "max_bytes") == 99


def test_config_rejects_unknown_settings(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[store]\nurll = 1\n")
    with pytest.raises(ConfigError, match="unknown setting store.urll"):
        load_settings(bad, env={})
    with pytest.raises(ConfigError):
        load_settings(env={}, overrides={"nope.x": 1})


@pytest.mark.parametrize("source", ["file", "env", "override"])
def test_config_wrong_choice_or_type_names_the_setting(tmp_path, source):
    project = tmp_path / "p.toml"
    project.write_text('[pipeline]\non_error = "ignore"\n')
    with pytest.raises(ConfigError, match=r"pipeline.on_error.*record, skip, raise"):
        if source == "file":
            load_settings(project, env={})
        elif source == "env":
            load_settings(env={"SITROOM_PIPELINE_ON_ERROR": "ignore"})
        else:
            load_settings(env={}, overrides={"pipeline.on_error": "ignore"})
    with pytest.raises(ConfigError, match="SITROOM_SERVE_PORT='eighty': expected int"):
        load_settings(env={"SITROOM_SERVE_PORT": "eighty"})
    project.write_text('[serve]\nport = "8080"\n')
    with pytest.raises(ConfigError, match="serve.port = '8080' must be int"):
        load_settings(project, env={})


def test_config_project_file_only_when_named(tmp_path, monkeypatch):
    (tmp_path / "sitroom.toml").write_text('[store]\nurl = "sqlite:///here.db"\n')
    monkeypatch.chdir(tmp_path)
    assert load_settings(env={}).get("store", "url") == "sqlite:///sitroom.db"
    named = load_settings(env={"SITROOM_CONFIG": str(tmp_path / "sitroom.toml")})
    assert named.get("store", "url") == "sqlite:///here.db"
