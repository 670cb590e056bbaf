"""The gazetteer's start-up cache: the same tables from the cache as from the shipped files; a
broken or unwritable cache is skipped, never fatal."""

from __future__ import annotations

from sitroom.kb.gazetteer import Gazetteer, _data_dir


def test_gazetteer_from_its_cache_is_the_gazetteer(tmp_path):
    built = Gazetteer.from_dir(_data_dir(), tmp_path)
    (cached_file,) = tmp_path.glob("gazetteer-*.sqlite")
    cached = Gazetteer.from_dir(_data_dir(), tmp_path)
    assert len(cached) == len(built) and cached.prefixes() == built.prefixes()
    for name in ("Kharkov", "Харків", "Kupyansk", "Vovchansk"):
        assert [p.id for p in cached.candidates(name)] == [p.id for p in built.candidates(name)]
    cached_file.write_bytes(b"not an SQLite file")
    assert len(Gazetteer.from_dir(_data_dir(), tmp_path)) == len(built)


def test_a_cached_gazetteer_travels_to_other_processes_and_threads(tmp_path):
    """Workers get the gazetteer pickled (Ray) or forked (process pools); a web server asks from threads."""
    import pickle
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    Gazetteer.from_dir(_data_dir(), tmp_path)
    cached = Gazetteer.from_dir(_data_dir(), tmp_path)
    want = [p.id for p in cached.candidates("Kupiansk")]
    assert [p.id for p in pickle.loads(pickle.dumps(cached)).candidates("Kupiansk")] == want
    with ThreadPoolExecutor(2) as threads:
        assert list(threads.map(lambda n: [p.id for p in cached.candidates(n)], ["Kupiansk"] * 4)) == [want] * 4
    with ProcessPoolExecutor(1) as processes:
        assert processes.submit(_ids, cached, "Kupiansk").result() == want


def _ids(gazetteer: Gazetteer, name: str) -> list[str]:
    return [p.id for p in gazetteer.candidates(name)]


def test_gazetteer_with_a_cache_it_cannot_write_still_loads(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    assert len(Gazetteer.from_dir(_data_dir(), blocked / "cache")) > 100_000


def test_a_cache_written_before_end_words_were_kept_is_rebuilt(tmp_path):
    import sqlite3

    built = Gazetteer.from_dir(_data_dir(), tmp_path)
    (cached_file,) = tmp_path.glob("gazetteer-*.sqlite")
    assert Gazetteer.from_dir(_data_dir(), tmp_path).endings() == built.endings()
    with sqlite3.connect(cached_file) as db:
        db.execute("DELETE FROM meta WHERE k = 'ending_filter'")
    db.close()
    assert Gazetteer.from_dir(_data_dir(), tmp_path).endings() == built.endings()
    with sqlite3.connect(cached_file) as db:
        assert db.execute("SELECT count(*) FROM meta WHERE k = 'ending_filter'").fetchone() == (1,)
    db.close()
    assert "kramatorsk" in built.endings() and "kakhovka" in built.endings()


def test_gazetteer_knows_how_its_keys_begin_from_its_cache_and_without_it(tmp_path):
    built = Gazetteer.from_dir(_data_dir(), tmp_path)
    cached = Gazetteer.from_dir(_data_dir(), tmp_path)
    for gazetteer in (built, cached):
        assert gazetteer.begins("nova kak") and gazetteer.begins("nova kakhovka") and gazetteer.begins("")
        assert not gazetteer.begins("zqxwvk oblast")
