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
