"""telegram: a Telegram Desktop channel export (result.json) gives one article per text message.

Service messages and photo-only messages are skipped; a file that is no export, or one malformed
message, is a failure with a one-line reason and everything else still comes out.
"""

import json
from pathlib import Path

import pytest

from sitroom.ingest import DEFAULT_PATTERNS, read_inputs
from sitroom.ingest.paths import detect_kind, sniff_kind
from sitroom.model import Article, Failure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "telegram"
MOD_RUSSIA = FIXTURES / "mod_russia.json"
SYNEGUBOV = FIXTURES / "synegubov.json"

STRIKE_RU = "Ночью беспилотник атаковал окраину Белополья, повреждены два жилых дома."
STRIKE_UK = "Уранці дрон влучив у склад у Білопіллі, загиблих немає, триває розбір завалів."
SHELLING_UK = "Увечері окупанти обстріляли центр Білопілля з артилерії, пошкоджено школу."
SERVICE = {"id": 1, "type": "service", "date": "2024-06-01T09:00:00", "action": "create_channel", "text": ""}


def message(ident: int, text, **extra) -> dict:
    return {"id": ident, "type": "message", "date": "2024-06-02T07:15:00", "text": text, **extra}


def export(messages: list, **extra) -> dict:
    head = {"name": "Громада Білопілля", "type": "public_channel", "id": 1000000077}
    return {**head, **extra, "messages": messages}


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def split(items) -> tuple[list[Article], list[Failure]]:
    items = list(items)
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) + len(failures) == len(items)
    return articles, failures


# --- the fixtures ------------------------------------------------------------------------------


def test_mod_russia_yields_only_the_text_messages():
    items = list(read_inputs([MOD_RUSSIA]))
    assert all(isinstance(i, Article) for i in items), items
    # 101 is a service message (photo changed), 103 is a photo without text
    assert [a.source for a in items] == [f"{MOD_RUSSIA}#102", f"{MOD_RUSSIA}#104"]


def test_mod_russia_plain_text_message_and_its_meta():
    first, _ = read_inputs([MOD_RUSSIA])
    assert first.raw_text == (
        "Подразделения группировки войск «Север» в результате активных действий освободили "
        "населённый пункт Лукьянцы Харьковской области."
    )
    assert first.meta == {
        "outlet": "Минобороны России",
        "channel": "Минобороны России",
        "published": "2024-05-14T10:05:00",
        "telegram_id": 102,
    }  # no username in the export: no url, no links, not forwarded


def test_mod_russia_entity_list_is_joined_in_order_and_the_link_kept():
    _, second = read_inputs([MOD_RUSSIA])
    assert second.raw_text == (
        "Сводка за сутки\n\nЗа прошедшие сутки средствами противовоздушной обороны сбиты "
        "12 беспилотников над территорией Белгородской области. Подробнее"
    )
    assert second.meta["links"] == ["https://example.org/svodka"]
    assert second.meta["published"] == "2024-05-14T12:40:00"
    assert second.meta["telegram_id"] == 104
    assert second.meta["outlet"] == second.meta["channel"] == "Минобороны России"


def test_synegubov_forwarded_message_names_its_origin():
    items = list(read_inputs([SYNEGUBOV]))
    assert [a.source for a in items] == [f"{SYNEGUBOV}#7001", f"{SYNEGUBOV}#7002", f"{SYNEGUBOV}#7003"]
    by_id = {a.meta["telegram_id"]: a for a in items}
    assert by_id[7003].meta["forwarded_from"] == "Генеральний штаб ЗСУ"
    assert by_id[7003].meta["channel"] == "Олег Синєгубов"  # the relay, not the origin
    assert "forwarded_from_username" not in by_id[7003].meta
    assert "forwarded_from" not in by_id[7001].meta and "forwarded_from" not in by_id[7002].meta


# --- built exports -----------------------------------------------------------------------------


def test_username_gives_the_t_me_url(tmp_path):
    path = write_json(tmp_path / "result.json", export([message(15, STRIKE_RU), message(16, STRIKE_UK)],
                                                       username="bilopillia_hromada"))
    first, second = read_inputs([path])
    assert first.meta["url"] == "https://t.me/bilopillia_hromada/15"
    assert second.meta["url"] == "https://t.me/bilopillia_hromada/16"
    assert first.meta["username"] == "bilopillia_hromada"
    assert first.source == f"{path}#15"


def test_forwarded_from_username_is_kept(tmp_path):
    fwd = message(3, STRIKE_UK, forwarded_from="Сумська ОВА", forwarded_from_username="sumy_oda")
    path = write_json(tmp_path / "result.json", export([fwd]))
    (article,) = read_inputs([path])
    assert article.meta["forwarded_from"] == "Сумська ОВА"
    assert article.meta["forwarded_from_username"] == "sumy_oda"


def test_entities_links_and_newlines(tmp_path):
    text = [
        {"type": "bold", "text": "Увага!"},
        "\r\nДрон атакував ",
        {"type": "link", "text": "https://bilopillia.example/news/1"},
        " та ",
        {"type": "text_link", "text": "підстанцію", "href": "https://bilopillia.example/power"},
        ".\r\n",
    ]
    path = write_json(tmp_path / "result.json", export([message(9, text)]))
    (article,) = read_inputs([path])
    assert article.raw_text == (
        "Увага!\nДрон атакував https://bilopillia.example/news/1 та підстанцію."
    )  # CRLF normalised, trailing newline stripped
    assert article.meta["links"] == ["https://bilopillia.example/news/1", "https://bilopillia.example/power"]


def test_message_without_type_counts_as_a_message(tmp_path):
    bare = {"id": 4, "date": "2024-06-02T07:15:00", "text": STRIKE_RU}
    path = write_json(tmp_path / "result.json", export([bare]))
    (article,) = read_inputs([path])
    assert isinstance(article, Article) and article.raw_text == STRIKE_RU


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "result.json"
    data = json.dumps(export([message(1, STRIKE_RU)]), ensure_ascii=False).encode()
    path.write_bytes(b"\xef\xbb\xbf" + data)
    (article,) = read_inputs([path])
    assert isinstance(article, Article) and article.raw_text == STRIKE_RU


# --- bad files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(json.dumps([message(1, STRIKE_RU)]), "no Telegram channel export", id="array"),
        pytest.param(
            json.dumps({"name": "Громада", "chats": []}), "no Telegram channel export", id="no-messages"
        ),
        pytest.param(
            json.dumps({"name": "Громада", "messages": {"1": STRIKE_RU}}),
            "no Telegram channel export",
            id="messages-not-a-list",
        ),
        pytest.param(json.dumps({"type": "public_channel", "messages": [message(1, STRIKE_RU)]}),
                     "a Telegram export without the channel's 'name'", id="no-name"),
        pytest.param(json.dumps({"name": "   ", "messages": [message(1, STRIKE_RU)]}),
                     "a Telegram export without the channel's 'name'", id="blank-name"),
        pytest.param(
            '{"name": "Громада", "messages": [\n  {"id": 1,\n', "malformed JSON: ", id="invalid-json"
        ),
        pytest.param(
            json.dumps(export([
                SERVICE,
                message(2, "", photo="photos/photo_2.jpg"),
                message(3, [], photo="photos/photo_3.jpg"),
                message(4, "  \n "),
            ]), ensure_ascii=False),
            "the export of 'Громада Білопілля' has no message with text",
            id="no-text-messages",
        ),
        pytest.param(json.dumps(export([])), "has no message with text", id="no-messages-at-all"),
    ],
)
def test_bad_file_is_one_failure_and_the_next_file_is_read(tmp_path, content, reason):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    good = write_json(tmp_path / "good.json", export([message(5, SHELLING_UK)]))
    items = list(read_inputs([bad, good]))
    assert len(items) == 2, items
    failure, article = items
    assert isinstance(failure, Failure) and isinstance(article, Article)
    assert failure.source == str(bad)
    assert failure.stage == "ingest"
    assert reason in failure.reason
    assert "\n" not in failure.reason and failure.reason.strip() == failure.reason
    assert article.source == f"{good}#5"


def test_invalid_json_reason_says_where(tmp_path):
    bad = tmp_path / "result.json"
    bad.write_text('{"name": "Громада",\n "messages": [,]}', encoding="utf-8")
    (failure,) = read_inputs([bad])
    assert failure.reason.startswith("malformed JSON: ")
    assert "line 2 column" in failure.reason


@pytest.mark.parametrize(
    ("bad_message", "where", "reason_parts"),
    [
        pytest.param("Дрон атакував місто", "#message-2", ("message 2 is a JSON string", "expected an object"),
                     id="string"),
        pytest.param(["list"], "#message-2", ("message 2 is a JSON array", "expected an object"), id="list"),
        pytest.param(message(21, 5), "#21", ("message 21", "'text'", "expected a string or a list"),
                     id="text-number"),
        pytest.param(message(21, None), "#21", ("message 21", "'text'"), id="text-null"),
        pytest.param({"type": "message", "date": "2024-06-02T07:15:00", "text": STRIKE_UK}, "#message-2",
                     ("message 2", "'id'"),
                     id="no-id"),
        pytest.param(message(21, STRIKE_UK, date=None), "#21", ("message 21", "'date'"), id="no-date"),
        pytest.param(message(21, ["Дрон ", {"type": "bold"}]), "#21", ("message 21", "text entity"),
                     id="entity-without-text"),
    ],
)
def test_malformed_message_is_a_failure_among_good_ones(tmp_path, bad_message, where, reason_parts):
    messages = [message(20, STRIKE_RU), bad_message, message(22, STRIKE_UK)]
    path = write_json(tmp_path / "result.json", export(messages))
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"], items
    first, failure, last = items
    assert failure.source == f"{path}{where}"
    for part in reason_parts:
        assert part in failure.reason
    assert "\n" not in failure.reason
    assert (first.source, first.raw_text) == (f"{path}#20", STRIKE_RU)
    assert (last.source, last.raw_text) == (f"{path}#22", STRIKE_UK)


# --- sniffing ----------------------------------------------------------------------------------


def test_export_without_json_extension_is_sniffed_as_telegram(tmp_path):
    path = write_json(tmp_path / "export.dat", export([message(31, STRIKE_RU)]))
    assert detect_kind(path, path.read_bytes()[:8192]) == "telegram"
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.source == f"{path}#31"
    assert article.meta["channel"] == "Громада Білопілля"


def test_json_lines_without_extension_is_still_jsonl(tmp_path):
    path = tmp_path / "export.dat"
    path.write_text(json.dumps({"text": STRIKE_UK}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert detect_kind(path, path.read_bytes()) == "jsonl"
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.raw_text == STRIKE_UK
    assert article.source == f"{path}:1"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'{\n "name": "X",\n "type": "public_channel",\n "id": 1,\n "messages": [', "telegram"),
        (b'\xef\xbb\xbf  {"name": "X", "type": "private_channel", "messages": []}', "telegram"),
        # a name and messages alone are not a channel export: records of another kind may use those keys
        (b'{"name": "X", "messages": 3}\n', "jsonl"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'{"text": "a", "outlet": "TASS"}\n', "jsonl"),
    ],
)
def test_sniff_kind_json_object_heads(head, kind):
    assert sniff_kind(head) == kind


def test_json_extension_is_telegram_whatever_the_content():
    assert detect_kind(Path("notes.json"), b'{"text": "a"}') == "telegram"
    assert detect_kind(Path("RESULT.JSON"), b"") == "telegram"


# --- directories -------------------------------------------------------------------------------


def test_directory_reads_result_json_and_ignores_other_json(tmp_path):
    assert "result*.json" in DEFAULT_PATTERNS and "*.json" not in DEFAULT_PATTERNS
    channel = tmp_path / "ChatExport_2024-06-02"
    channel.mkdir()
    result = write_json(channel / "result.json", export([
        SERVICE,
        message(2, STRIKE_RU),
        message(3, STRIKE_UK),
    ]))
    write_json(channel / "notes.json", {"todo": ["перевірити відео"]})
    items = list(read_inputs([tmp_path]))
    assert all(isinstance(i, Article) for i in items), items
    assert [a.source for a in items] == [f"{result}#2", f"{result}#3"]
    assert [a.raw_text for a in items] == [STRIKE_RU, STRIKE_UK]


def test_directory_with_only_unrelated_json_is_a_failure(tmp_path):
    write_json(tmp_path / "notes.json", {"todo": ["перевірити відео"]})
    (failure,) = read_inputs([tmp_path])
    assert isinstance(failure, Failure)
    assert failure.source == str(tmp_path)
    assert failure.reason.startswith("directory has no files matching")


def test_unrelated_json_named_explicitly_is_refused_with_a_reason(tmp_path):
    path = write_json(tmp_path / "notes.json", {"todo": ["перевірити відео"]})
    (failure,) = read_inputs([path])
    assert failure == Failure(
        str(path),
        "a JSON file that is no Telegram channel export (no 'messages' list); use .jsonl for article records",
    )


@pytest.mark.parametrize(("bad", "reason"), [
    ({"id": True}, "whole-number 'id'"),
    ({"id": "7"}, "whole-number 'id'"),
    ({"date": "not a date!!"}, "ISO 'date'"),
])
def test_ids_and_dates_are_checked(tmp_path, bad, reason):
    path = write_json(tmp_path / "result.json", export([{**message(3, STRIKE_UK), **bad}, message(4, STRIKE_UK)]))
    articles, failures = split(read_inputs([path]))
    assert [a.meta["telegram_id"] for a in articles] == [4]
    assert len(failures) == 1 and reason in failures[0].reason and "\n" not in failures[0].reason


@pytest.mark.parametrize(("username", "url"), [("@bilopillia_news", "https://t.me/bilopillia_news/4"), (5, None),
                                               ("no spaces allowed", None)])
def test_username_is_checked_before_it_makes_a_url(tmp_path, username, url):
    path = write_json(tmp_path / "result.json", export([message(4, STRIKE_UK)], username=username))
    (article,), _ = split(read_inputs([path]))
    assert article.meta.get("url") == url


def test_all_messages_malformed_are_reported_once_each(tmp_path):
    path = write_json(tmp_path / "result.json", export([message(1, 5), "text"]))
    articles, failures = split(read_inputs([path]))
    assert not articles and [f.source.rsplit("#", 1)[1] for f in failures] == ["1", "message-2"]


def test_whole_account_export_is_told_to_export_one_channel(tmp_path):
    path = write_json(tmp_path / "result.json", {"about": "...", "chats": {"list": []}})
    _, (failure,) = split(read_inputs([path]))
    assert "account export" in failure.reason
