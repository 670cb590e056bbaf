"""html: main text with trafilatura, the page's metadata, fragments, and bad pages."""

from pathlib import Path

import pytest

from sitroom.errors import EmptyInput, MalformedInput
from sitroom.ingest import read_inputs
from sitroom.ingest.html import extract_html, fragment_text, is_fragment, read_html
from sitroom.model import Article, Failure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def page() -> Article:
    (article,) = read_inputs([FIXTURES / "page.html"])
    assert isinstance(article, Article), article
    return article


def test_html_main_text_has_one_paragraph_per_line(page):
    lines = page.raw_text.split("\n")
    assert lines[0] == "Ferry crossing reopens after storm"
    assert lines[1].startswith("The ferry between Port Alder and Saltmere Island resumed")
    assert "What travellers should know" in lines
    assert "- The first departure leaves Port Alder at 07:15." in lines
    assert lines[-1].endswith("until Wednesday.")


@pytest.mark.parametrize(
    "boilerplate", ["Subscribe now", "Most read", "Weekend weather", "All rights reserved", "Cookies"]
)
def test_html_main_text_leaves_boilerplate_out(page, boilerplate):
    assert boilerplate not in page.raw_text


def test_html_metadata_goes_into_meta(page):
    assert page.meta == {
        "title": "Ferry crossing reopens after storm",
        "published": "2024-05-12",
        "outlet": "Northcoast Ledger",
        "url": "https://ledger.example/news/ferry-reopens",
        "author": "Mira Testwood",
        "encoding": "utf-8",
    }
    assert page.source.endswith("page.html")


def test_html_url_given_by_the_caller_wins():
    data = (FIXTURES / "page.html").read_bytes()
    article = read_html(data, "x", max_bytes=100_000, url="https://mirror.example/ferry")
    assert article.meta["url"] == "https://mirror.example/ferry"


def test_html_meta_charset_decides_the_encoding(tmp_path):
    body = (
        "<p>Вечером в районе порта прозвучали два взрыва, сообщили местные власти.</p>"
        "<p>Жители просят уточнить график работы пунктов обогрева на следующей неделе.</p>"
    )
    head = '<head><meta charset="koi8-r"><title>Порт</title></head>'
    html = f"<html>{head}<body><article>{body}</article></body></html>"
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("koi8-r"))
    (article,) = read_inputs([path])
    assert article.raw_text.startswith("Вечером в районе порта")
    assert article.meta["encoding"] == "koi8-r"


def test_html_fragment_keeps_all_its_text():
    html = "<p>Short note: the <b>pier</b> is closed.</p><ul><li>Ferries wait</li><li>Buses run</li></ul>"
    assert is_fragment(html)
    assert extract_html(html).text == "Short note: the pier is closed.\n- Ferries wait\n- Buses run"


@pytest.mark.parametrize(
    ("html", "fragment"),
    [
        ("<p>x</p>", True),
        ("<div><b>x</b></div>", True),
        ("<!DOCTYPE html><p>x</p>", False),
        ("<HTML><p>x</p></HTML>", False),
        ("<title>t</title><p>x</p>", False),
    ],
)
def test_html_tells_fragments_from_pages(html, fragment):
    assert is_fragment(html) is fragment


def test_html_fragment_text_drops_scripts_and_breaks_lines():
    html = "<div>One<br>Two<script>var x = 1;</script><table><tr><td>a</td><td>b</td></tr></table></div>"
    assert fragment_text(html) == "One\nTwo\na | b"


@pytest.mark.parametrize(
    ("html", "error", "reason"),
    [
        ("", EmptyInput, "empty HTML"),
        ("Only words, no markup at all.", MalformedInput, "no HTML tags found"),
        ("<html><body><script>var a = 1;</script></body></html>", EmptyInput, "no main text found"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", EmptyInput, "no main text found"),
        ("<div><script>var a = 1;</script></div>", EmptyInput, "fragment holds no text"),
    ],
)
def test_html_bad_pages_raise_a_clear_error(html, error, reason):
    with pytest.raises(error, match=reason):
        extract_html(html)


def test_html_bad_page_is_a_failure_and_the_run_goes_on(tmp_path):
    (tmp_path / "a_shell.html").write_text("<html><body><div id='app'></div></body></html>", encoding="utf-8")
    (tmp_path / "b_page.html").write_bytes((FIXTURES / "page.html").read_bytes())
    first, second = read_inputs([tmp_path])
    assert isinstance(first, Failure) and first.reason.startswith("no main text found")
    assert isinstance(second, Article)


def test_html_reconcile_restores_running_text_that_precision_mode_dropped():
    from sitroom.ingest.html import reconcile

    lead = "Shelling hit the northern districts overnight. Rescue crews worked until the morning to reach people."
    dropped = ("The regional administration said that two schools and a clinic were damaged. Power lines were cut "
               "in three villages, and repairs are expected to take several days.")
    full = "\n".join(["Home | News | Video", lead, "Share this article", dropped, "Read more"])
    assert reconcile(lead, full) == f"{lead}\n{dropped}"  # the nav, share and teaser lines stay out
    assert reconcile("", full) == f"{lead}\n{dropped}"  # precision mode found nothing: the prose of the page
    assert reconcile("Another cut entirely", full) == "Another cut entirely"  # modes disagree: precision wins


def test_html_page_trafilatura_cannot_read_falls_back_to_the_page_text(monkeypatch):
    import trafilatura

    from sitroom.ingest.html import extract_html

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = ("<html><head><title>Night shelling</title></head><body><nav><a href='/'>Home</a></nav>"
            "<div><div>Shelling hit the northern districts overnight. Rescue crews worked until the morning."
            "</div></div></body></html>")
    text = extract_html(page).text
    assert "Shelling hit the northern districts overnight." in text and "Home" in text  # the cleaner takes it from here


def test_html_index_page_without_prose_still_fails(monkeypatch):
    import trafilatura

    from sitroom.errors import EmptyInput
    from sitroom.ingest.html import extract_html

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = "<html><body><ul><li><a href='/a'>War news</a></li><li><a href='/b'>Sport</a></li></ul></body></html>"
    with pytest.raises(EmptyInput, match="no main text"):
        extract_html(page)
