from sitroom.kb.memo import Memo


def test_a_memo_computes_once_remembers_none_and_forgets_all_when_full():
    calls = []
    memo: Memo[int | None] = Memo(kept=2)

    def compute(value):
        calls.append(value)
        return value

    assert memo.get_or("a", lambda: compute(None)) is None
    assert memo.get_or("a", lambda: compute(1)) is None        # a remembered None is an answer
    assert memo.get_or("b", lambda: compute(2)) == 2
    assert calls == [None, 2]
    assert memo.get_or("c", lambda: compute(3)) == 3            # full: forgotten at once, then kept
    assert set(memo) == {"c"}
