"""The invented corpus plus an article full of markup; a TestClient and, for browser tests, a live
server (uvicorn in a thread on a free port) and headless Chromium."""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from sitroom.config import load_settings
from sitroom.link import analyze

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900",
         # no network but this machine: a name that is not localhost resolves to nothing
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


def _corpus():
    name = "sitroom_test_corpus"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "api" / "corpus.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


corpus = _corpus()


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'sitroom.db'}"
    corpus.build_store(url, with_injection=True).close()
    return load_settings(env={}, overrides={"store.url": url})


@pytest.fixture(scope="session")
def ids():
    arts = {a.source: a for a in corpus.articles(with_injection=True)}
    red, blue, evil = arts["t/redwire-lyptsi.txt"], arts["t/bluepost-lyptsi.txt"], arts["t/evil.txt"]
    return {"red": red.id, "blue": blue.id, "evil": evil.id, "red_c1": f"{red.id}:c1", "evil_c1": f"{evil.id}:c1",
            "story": analyze(arts.values()).story_of()[red.id], "evil_outlet": evil.outlet}


@pytest.fixture(scope="session")
def page_client(web_settings):
    from fastapi.testclient import TestClient

    from sitroom.api import create_app

    with TestClient(create_app(web_settings)) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(web_settings):
    import uvicorn

    from sitroom.api import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(web_settings), host="127.0.0.1", port=_free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("headless Chromium not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()
