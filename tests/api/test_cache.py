"""The lookup cache: LRU within a weight budget, emptied by writes, never storing a value computed across one."""

from __future__ import annotations

from api.lookups.cache import LookupCache


def test_hits_do_not_recompute() -> None:
    cache = LookupCache(10, enabled=True)
    calls: list[int] = []
    assert cache.get("k", lambda: calls.append(1) or "v") == "v"
    assert cache.get("k", lambda: calls.append(1) or "w") == "v"
    assert calls == [1]


def test_weight_budget_evicts_least_recently_used() -> None:
    cache = LookupCache(5, enabled=True)
    cache.get("a", lambda: [1, 2], len)
    cache.get("b", lambda: [1, 2], len)
    cache.get("a", lambda: ["again"], len)  # a is now the most recent
    cache.get("c", lambda: [1, 2], len)  # 6 > 5: b goes
    assert cache.get("b", lambda: "recomputed") == "recomputed"
    assert cache.get("a", lambda: "recomputed") == [1, 2]
    assert cache.get("huge", lambda: list(range(50)), len) == list(range(50))
    assert cache.get("huge", lambda: "not kept") == "not kept"  # heavier than the whole budget


def test_bump_forgets_and_stale_values_are_not_stored() -> None:
    cache = LookupCache(10, enabled=True)
    cache.get("k", lambda: "old")
    cache.bump()
    assert cache.get("k", lambda: "new") == "new"

    def compute_during_write() -> str:
        cache.bump()  # a write lands while this lookup runs
        return "stale"

    assert cache.get("j", compute_during_write) == "stale"
    assert cache.get("j", lambda: "fresh") == "fresh"


def test_disabled_cache_always_computes() -> None:
    for cache in (LookupCache(10, enabled=False), LookupCache(0, enabled=True)):
        assert cache.get("k", lambda: 1) == 1
        assert cache.get("k", lambda: 2) == 2
