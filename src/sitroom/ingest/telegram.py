"""Telegram channel exports: the ``result.json`` that Telegram Desktop writes for a channel.

The export is one JSON object with the channel's ``name``, ``type`` and ``id`` and a list of
``messages``. Each message with text becomes an article:

- ``outlet`` and ``channel``: the channel's name (and ``username`` when the export carries one, so
  the registry can tell whose channel it is by its ``t.me/`` address);
- ``published``: the message's date and time (Telegram Desktop writes local time without a zone);
- ``text``: a string, or a list of strings and entities (``{"type": "bold", "text": ...}``,
  links with ``href``); the links are kept in ``meta["links"]``;
- ``forwarded_from`` (and ``forwarded_from_username`` when given): the channel a forwarded post
  came from; the claims stage makes that channel's owner the speaker and this channel the relay;
- ``url``: ``https://t.me/<username>/<id>`` when the username is known.

Service messages (a channel created, a photo changed) and messages with no text (a photo alone)
are not articles and are skipped. A file that is no Telegram export, or a message that is
malformed, gets a one-line reason; the other messages go on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sitroom.errors import EmptyInput, MalformedInput
from sitroom.ingest.decode import decode_bytes, normalize_newlines
from sitroom.ingest.jsonl import _json_type
from sitroom.model import Article, Failure

#: a channel's public address, as in t.me/<username>
USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
CHANNEL_TYPES = frozenset({"public_channel", "private_channel", "public_supergroup", "private_supergroup"})


def looks_like_export(head: bytes) -> bool:
    """The first bytes of a Telegram Desktop export: an object with a channel's ``name``/``type`` and ``messages``."""
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    return text.startswith("{") and '"messages"' in text and any(f'"{kind}"' in text for kind in CHANNEL_TYPES)


def read_telegram(data: bytes, source: str, *, max_bytes: int) -> Iterator[Article | Failure]:
    """One article per text message of a channel export; a failure for each malformed message."""
    text = decode_bytes(data, max_bytes=max_bytes).text
    try:
        export = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if isinstance(export, dict) and isinstance(export.get("chats"), dict):
        raise MalformedInput("a whole Telegram account export; export one channel instead "
                             "(the channel's menu: Export chat history, format JSON)")
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        raise MalformedInput("a JSON file that is no Telegram channel export (no 'messages' list); "
                             "use .jsonl for article records")
    channel = export.get("name")
    if not isinstance(channel, str) or not channel.strip():
        raise MalformedInput("a Telegram export without the channel's 'name'")
    username = export.get("username")
    if not (isinstance(username, str) and USERNAME.fullmatch(username.lstrip("@"))):
        username = None
    found = 0
    for n, message in enumerate(export["messages"]):
        ident = message.get("id") if isinstance(message, dict) else None
        where = f"{source}#{ident}" if _is_id(ident) else f"{source}#message-{n + 1}"
        try:
            article = _article(message, n, channel.strip(), username and username.lstrip("@"), source)
        except MalformedInput as exc:
            yield Failure(where, str(exc))
            found += 1
            continue
        if article is not None:
            found += 1
            yield article
    if not found:
        raise EmptyInput(f"the export of {channel!r} has no message with text")


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _article(message: Any, n: int, channel: str, username: str | None, source: str) -> Article | None:
    if not isinstance(message, dict):
        raise MalformedInput(f"message {n + 1} is a JSON {_json_type(message)}, expected an object")
    if message.get("type", "message") != "message":
        return None  # a service message: the channel was created, its photo changed
    ident = message.get("id")
    if not _is_id(ident):
        raise MalformedInput(f"message {n + 1} has no whole-number 'id'")
    body, links = _text(message.get("text", ""), ident)
    body = normalize_newlines(body).strip()
    if not body:
        return None  # a photo or a sticker alone
    date = message.get("date")
    try:
        datetime.fromisoformat(date)
    except (TypeError, ValueError):
        raise MalformedInput(f"message {ident} has no ISO 'date' (got {str(date)[:30]!r})") from None
    meta: dict[str, Any] = {"outlet": channel, "channel": channel, "published": date, "telegram_id": ident}
    if username:
        meta["username"] = username
        meta["url"] = f"https://t.me/{username}/{ident}"
    if isinstance(message.get("forwarded_from"), str):
        meta["forwarded_from"] = message["forwarded_from"]
        if isinstance(message.get("forwarded_from_username"), str):
            meta["forwarded_from_username"] = message["forwarded_from_username"]
    if links:
        meta["links"] = links
    return Article(source=f"{source}#{ident}", raw_text=body, meta=meta)


def _text(value: Any, ident: int) -> tuple[str, list[str]]:
    """The message's text and its links: a string, or a list of strings and text entities."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, list):
        raise MalformedInput(f"message {ident}: 'text' is a JSON {_json_type(value)}, expected a string or a list")
    parts, links = [], []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
            if isinstance(part.get("href"), str):
                links.append(part["href"])
            elif part.get("type") == "link":
                links.append(part["text"])
        else:
            raise MalformedInput(f"message {ident}: a text entity without 'text'")
    return "".join(parts), links
