"""read_inputs: files, directories, globs; stable order; every bad input is a failure, never an exception."""

import json
import os
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import sitroom.ingest as ingest
from sitroom.ingest import DEFAULT_MAX_BYTES, DEFAULT_PATTERNS, read_inputs
from sitroom.model import Article, Failure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def make_tree(root: Path) -> Path:
    """A small corpus: nested folders, mixed kinds, names that sort differently by case and depth."""
    (root / "b_dir" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("Report A about a market.\n", encoding="utf-8")
    (root / "B.txt").write_text("Report B about a school.\n", encoding="utf-8")
    (root / "b_dir" / "c.txt").write_text("Report C about a clinic.\n", encoding="utf-8")
    (root / "b_dir" / "deep" / "d.TXT").write_text("Report D about a depot.\n", encoding="utf-8")
    (root / "b_dir" / "notes.md").write_text("Not matched by the patterns.\n", encoding="utf-8")
    (root / ".hidden" / "e.txt").write_text("Hidden folder, skipped.\n", encoding="utf-8")
    (root / ".f.txt").write_text("Hidden file, skipped.\n", encoding="utf-8")
    (root / "g.jsonl").write_text(json.dumps({"text": "Report G about a garage."}) + "\n", encoding="utf-8")
    return root


def sources(items) -> list[str]:
    return [i.source for i in items]


def test_ingest_directory_is_walked_recursively_in_sorted_order(tmp_path):
    root = make_tree(tmp_path / "corpus")
    items = list(read_inputs([root]))
    assert all(isinstance(i, Article) for i in items)
    assert sources(items) == [
        f"{root}/B.txt",
        f"{root}/a.txt",
        f"{root}/b_dir/c.txt",
        f"{root}/b_dir/deep/d.TXT",
        f"{root}/g.jsonl:1",
    ]


def test_ingest_order_does_not_depend_on_creation_order(tmp_path):
    names = ["m.txt", "a.txt", "z.txt", "k.txt"]
    for folder, order in (("one", names), ("two", list(reversed(names)))):
        (tmp_path / folder).mkdir()
        for name in order:
            (tmp_path / folder / name).write_text(f"Sample text of {name}.\n", encoding="utf-8")
    first = [Path(s).name for s in sources(read_inputs([tmp_path / "one"]))]
    second = [Path(s).name for s in sources(read_inputs([tmp_path / "two"]))]
    assert first == second == sorted(names)


def test_ingest_patterns_choose_files_in_directories(tmp_path):
    root = make_tree(tmp_path / "corpus")
    items = list(read_inputs([root], patterns=["*.md", "*.jsonl"]))
    assert sources(items) == [f"{root}/b_dir/notes.md", f"{root}/g.jsonl:1"]


def test_ingest_glob_pattern(tmp_path, monkeypatch):
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert sources(read_inputs(["corpus/*.txt"])) == ["corpus/B.txt", "corpus/a.txt"]
    assert sources(read_inputs(["corpus/**/c.txt"])) == ["corpus/b_dir/c.txt"]


def test_ingest_glob_matching_a_directory_walks_it(tmp_path, monkeypatch):
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert sources(read_inputs(["corpus/b_*"])) == ["corpus/b_dir/c.txt", "corpus/b_dir/deep/d.TXT"]


def test_ingest_explicit_file_is_read_whatever_its_name(tmp_path):
    root = make_tree(tmp_path / "corpus")
    (article,) = read_inputs([root / "b_dir" / "notes.md"])
    assert article.raw_text == "Not matched by the patterns.\n"


def test_ingest_each_file_is_read_once(tmp_path):
    root = make_tree(tmp_path / "corpus")
    items = list(read_inputs([root / "a.txt", root, str(root / "*.txt")]))
    assert len(items) == len(set(sources(items))) == 5


def test_ingest_single_path_string_is_not_split_into_characters(tmp_path):
    root = make_tree(tmp_path / "corpus")
    assert sources(read_inputs(str(root / "a.txt"))) == [str(root / "a.txt")]


@pytest.mark.parametrize(
    ("given", "reason"),
    [("missing.txt", "no such file or directory"), ("nothing-*.txt", "no files match this pattern")],
)
def test_ingest_input_naming_nothing_is_a_failure(tmp_path, monkeypatch, given, reason):
    monkeypatch.chdir(tmp_path)
    assert list(read_inputs([given])) == [Failure(given, reason)]


def test_ingest_directory_without_matching_files_is_a_failure(tmp_path):
    (tmp_path / "only.md").write_text("x", encoding="utf-8")
    (failure,) = read_inputs([tmp_path])
    assert failure.source == str(tmp_path)
    assert failure.reason.startswith("directory has no files matching *.txt, *.html")
    assert failure.reason.endswith("(ingest.patterns)")


def test_ingest_bad_inputs_never_stop_the_run(tmp_path):
    (tmp_path / "1_empty.txt").write_bytes(b"")
    (tmp_path / "2_image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (tmp_path / "3_broken.jsonl").write_bytes(b'{"text": "fine line of text"}\n{oops\n')
    (tmp_path / "4_junk.xml").write_bytes(b"<<<<not a feed")
    (tmp_path / "5_junk.warc").write_bytes(b"not an archive")
    (tmp_path / "6_good.txt").write_text("A good report at the end.\n", encoding="utf-8")
    items = list(read_inputs([tmp_path, tmp_path / "nope.txt"]))
    kinds = [(Path(i.source).name, type(i).__name__) for i in items]
    assert kinds == [
        ("1_empty.txt", "Failure"),
        ("2_image.html", "Failure"),
        ("3_broken.jsonl:1", "Article"),
        ("3_broken.jsonl:2", "Failure"),
        ("4_junk.xml", "Failure"),
        ("5_junk.warc", "Failure"),
        ("6_good.txt", "Article"),
        ("nope.txt", "Failure"),
    ]
    for failure in (i for i in items if isinstance(i, Failure)):
        assert failure.stage == "ingest" and failure.reason and "\n" not in failure.reason


def test_ingest_unexpected_reader_error_is_a_failure(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(ingest, "read_text", boom)
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "still read"}) + "\n", encoding="utf-8")
    failure, article = read_inputs([tmp_path])
    assert failure.reason == "unexpected RuntimeError in the text reader: reader bug; please report it"
    assert isinstance(article, Article)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_ingest_unreadable_file_is_a_failure(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("secret\n", encoding="utf-8")
    path.chmod(0)
    (failure,) = read_inputs([path])
    assert failure.reason == "cannot read the file: Permission denied"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("page", (FIXTURES / "page.html").read_bytes(), "Ferry crossing reopens after storm"),
        ("feed", (FIXTURES / "feed_atom.xml").read_bytes(), "Snowploughs cleared the road"),
        ("records", (FIXTURES / "records.jsonl").read_bytes(), "A bakery in the old town"),
        ("notes", b"Plain words in a file without an extension.\n", "Plain words"),
        ("feed.xml", (FIXTURES / "feed_atom.xml").read_bytes(), "Snowploughs cleared the road"),
        ("page.xml", (FIXTURES / "page.html").read_bytes(), "Ferry crossing reopens after storm"),
    ],
)
def test_ingest_kind_is_sniffed_when_the_extension_does_not_tell(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    first = next(iter(read_inputs([path])))
    assert isinstance(first, Article), first
    assert first.raw_text.startswith(expected)


def test_ingest_defaults_come_from_defaults_toml():
    text = resources.files("sitroom").joinpath("defaults.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(text)["ingest"]
    assert DEFAULT_MAX_BYTES == settings["max_bytes"] == 20_000_000
    assert list(DEFAULT_PATTERNS) == settings["patterns"]


def test_reading_plain_text_loads_no_html_or_feed_library():
    """Start-up: the HTML, feed and WARC readers' libraries load only for inputs of their kind."""
    import subprocess
    import sys

    code = ("import sys; from sitroom.ingest import read_inputs; "
            "list(read_inputs(sys.argv[1])); "
            "print(sorted(m for m in ('trafilatura', 'feedparser', 'warcio') if m in sys.modules))")
    sample = Path(__file__).resolve().parents[2] / "src" / "sitroom" / "data" / "sample" / "txt"
    path = sorted(sample.glob("*.txt"))[0]
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
