#!/usr/bin/env python
"""Build the training data of the line classifier (src/sitroom/clean/lines_model.py).

Two kinds of pages, written as JSON lines (one page a line: ``doc``, ``source``, ``lines``,
``labels`` with ``"body"``, ``"furniture"`` or null for a line left out of training, and for gold
pages the raw line ``numbers``, which keep where the text had blank lines):

* silver (``source: "silver"``): the pages of the article-extraction benchmark
  (``html/*.html.gz`` + ``ground-truth.json``, MIT licence, see
  src/sitroom/data/models/SOURCES.md), rendered to plain-text lines the way a scraper does
  (block elements and ``<br>`` start a line; navigation, captions, footers and forms are kept),
  then cut to a window around the article body, as a scrape of the article's container would
  be. A line is ``body`` when it is contained in the benchmark's gold main text, the page's
  headline or its standfirst (og:title / og:description); else ``furniture``. Lines that cannot
  be decided (a short line that occurs in the body text but is no whole paragraph of it, a
  second copy of the headline) are left out.
* gold (``source: "seeds"`` / ``"dev"``): the plain-text articles of ../shared/gold, where a line
  listed in ``boilerplate_lines`` is furniture and every other non-empty line body (a line that
  only carries a ``boilerplate_fragments`` prefix, the headline and duplicates are body).

Everything is read from ../shared at run time; the output goes to build/ (not committed).

Usage: python scripts/build_line_data.py [--shared DIR] [--out build/lines/lines.jsonl]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import lxml.html
from lxml import etree
from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sitroom.ingest.decode import decode_bytes  # noqa: E402
from sitroom.ingest.html import break_blocks  # noqa: E402
from sitroom.model import normalize_text  # noqa: E402

DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "build" / "lines" / "lines.jsonl"
BENCH = Path("bench") / "article-extraction-benchmark"

#: elements that start and end a line of text, as in a browser's or scraper's text rendering
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre table tr section article header footer "
    "aside figure figcaption hr address main nav form button label option details summary fieldset "
    "legend menu center".split()
)
_DROP = "//script|//style|//noscript|//template|//svg|//iframe|//canvas|//object|//select|//textarea"
_BULLET = re.compile(r"^([-–—•·*▪►]|\d{1,2}[.)])\s+")
#: furniture kept before and after the body: a scrape of the article's container keeps a few lines
WINDOW = (0, 15)


def norm(text: str) -> str:
    return normalize_text(text).casefold()


# --- silver pages -------------------------------------------------------------------------------

def _meta(root, *names: str) -> str:
    for name in names:
        for el in root.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
            if content := (el.get("content") or "").strip():
                return content
    return ""


_H1 = "\ue000"  # marks the text of ``<h1>`` elements while rendering


def render(html: str, bullets: bool) -> tuple[list[str], set[int], str, str]:
    """Plain-text lines of a page (its head left out), which of them are ``<h1>``, its headline
    and its standfirst."""
    root = lxml.html.document_fromstring(html)
    headline = _meta(root, "og:title", "twitter:title") or " ".join((root.findtext(".//title") or "").split())
    standfirst = _meta(root, "og:description", "description", "twitter:description")
    for el in root.xpath("//head"):
        el.drop_tree()
    for el in root.xpath(_DROP):
        el.drop_tree()
    break_blocks(root, bullet="- " if bullets else "", cell=" ", mark={"h1": _H1}, blocks=_BLOCKS)
    lines, h1 = [], set()
    for line in root.text_content().split("\n"):
        text = " ".join(line.replace(_H1, " ").split())
        if text and text != "-":
            if _H1 in line:
                h1.add(len(lines))
            lines.append(text)
    return lines, h1, headline, standfirst


def _is_headline(n: str, head: str) -> bool:
    return bool(head) and (n == head or (len(n) >= 20 and n in head and len(n) >= 0.6 * len(head))
                           or (len(n) >= 20 and fuzz.ratio(n, head) >= 90))


def silver_labels(lines: list[str], h1: set[int], body: str, headline: str,
                  standfirst: str) -> list[str | None]:
    """``body`` / ``furniture`` / None (undecided) for each rendered line."""
    text = norm(body)
    paragraphs = {norm(p) for p in body.split("\n") if p.strip()}
    head, stand = norm(headline), norm(standfirst)
    normed = [norm(_BULLET.sub("", line)) for line in lines]
    # the headline is the <h1> that matches the page title, else the first line that does
    copies = [k for k, n in enumerate(normed) if _is_headline(n, head)]
    title_at = next((k for k in copies if k in h1), copies[0] if copies else None)
    labels: list[str | None] = []
    for k, n in enumerate(normed):
        if not n or not re.search(r"\w", n):
            labels.append("furniture")
            continue
        if k in copies:
            labels.append("body" if k == title_at else None)  # another copy: undecided
            continue
        if stand and len(n) >= 40 and (n in stand or fuzz.ratio(n, stand) >= 90):
            labels.append("body")
            continue
        if n in paragraphs:
            labels.append("body")
        elif len(n) >= 40 and (n in text or (len(n) >= 60 and fuzz.partial_ratio(n, text) >= 95)):
            labels.append("body")
        elif n in text and len(n.split()) >= 2:
            labels.append(None)  # a short piece of a body paragraph, or a menu word that also occurs there
        else:
            labels.append("furniture")
    return labels


def silver_pages(bench_dir: Path) -> list[dict]:
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for doc in sorted(truth):
        body = truth[doc].get("articleBody") or ""
        path = bench_dir / "html" / f"{doc}.html.gz"
        if not body.strip() or not path.is_file():
            continue
        rng = random.Random(int(hashlib.sha256(doc.encode()).hexdigest()[:8], 16))
        html = decode_bytes(gzip.decompress(path.read_bytes()), max_bytes=1 << 26, what="page").text
        try:
            lines, h1, headline, standfirst = render(html, bullets=rng.random() < 0.5)
        except (etree.ParserError, ValueError):
            continue
        labels = silver_labels(lines, h1, body, headline, standfirst)
        strong = [k for k, (line, label) in enumerate(zip(lines, labels, strict=True))
                  if label == "body" and len(line.split()) >= 8]
        if len(strong) < 2:
            continue
        # the headline sits above the body: keep it in the window when it is near; a third of
        # the windows open on it, as many scrapes do, a third end with the body
        head_at = next((k for k in range(strong[0] - 1, max(-1, strong[0] - 40), -1)
                        if labels[k] == "body"), None)
        top = strong[0] if head_at is None else head_at
        start = top if rng.random() < 1 / 3 else max(0, top - rng.randint(*WINDOW))
        end = strong[-1] + 1
        if rng.random() >= 1 / 3:
            end = min(len(lines), end + rng.randint(*WINDOW))
        pages.append({"doc": doc, "source": "silver", "lines": lines[start:end], "labels": labels[start:end]})
    return pages


# --- gold pages ---------------------------------------------------------------------------------

def gold_pages(gold_dir: Path, texts_dir: Path, source: str) -> list[dict]:
    pages = []
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        if gold_file.name == "corpus.gold.json":
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = gold.get("doc") or gold_file.name.removesuffix(".gold.json")
        raw_path = next((folder / f"{doc}.txt" for folder in (gold_dir, texts_dir)
                         if (folder / f"{doc}.txt").is_file()), None)
        if raw_path is None:
            continue
        furniture = {normalize_text(x) for x in gold.get("boilerplate_lines") or []}
        numbered = [(no, ln.strip()) for no, ln in enumerate(raw_path.read_text(encoding="utf-8").split("\n"))
                    if ln.strip()]
        lines = [ln for _, ln in numbered]
        labels = ["furniture" if normalize_text(ln) in furniture else "body" for ln in lines]
        pages.append({"doc": doc, "source": source, "lines": lines, "labels": labels,
                      "numbers": [no for no, _ in numbered]})
    return pages


def build(shared: Path) -> list[dict]:
    pages = silver_pages(shared / BENCH)
    pages += gold_pages(shared / "gold" / "seeds", shared / "seeds", "seeds")
    pages += gold_pages(shared / "gold" / "dev", shared / "gold" / "dev", "dev")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON lines to write")
    args = parser.parse_args(argv)
    if not (args.shared / BENCH / "ground-truth.json").is_file():
        print(f"no article-extraction benchmark under {args.shared}; pass --shared DIR", file=sys.stderr)
        return 2
    pages = build(args.shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for page in pages:
            out.write(json.dumps(page, ensure_ascii=False) + "\n")
    for source in ("silver", "seeds", "dev"):
        some = [p for p in pages if p["source"] == source]
        labels = [lab for p in some for lab in p["labels"]]
        print(f"{source:6s} {len(some):4d} pages {len(labels):6d} lines: "
              f"{labels.count('body')} body, {labels.count('furniture')} furniture, "
              f"{labels.count(None)} left out")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
