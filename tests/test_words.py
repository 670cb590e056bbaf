"""The word filter: every word put in is found; words left out mostly are not."""

from sitroom.kb.words import WordFilter


def test_a_word_filter_finds_every_word_it_holds_and_few_others():
    held = [f"word{k}" for k in range(20_000)]
    words = WordFilter.of(held, size_bits=1 << 20)
    assert all(w in words for w in held)
    others = [f"other{k}" for k in range(20_000)]
    assert sum(w in words for w in others) < 400  # about 1.3% expected at this size
    assert 5 not in words and WordFilter(words.bits) == words
