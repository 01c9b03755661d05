"""A small LRU cache of lookup results, emptied whenever this server writes to the store.

Only used with the embedded store: the server is then its only writer (one writer process at a time), so
bumping the generation on every write through the API keeps cached lookups exact. Other backends may be
written by other processes and are never cached. Entries are weighed (e.g. by the claims they hold) and the
total weight is bounded, so memory stays bounded whatever the page sizes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def _one(value: object) -> int:
    """Default weight: every entry counts once."""
    return 1


class LookupCache:
    """Thread-safe LRU of computed lookup results, keyed by the lookup's inputs, bounded by total weight."""

    def __init__(self, budget: int, *, enabled: bool) -> None:
        """An empty cache holding at most ``budget`` weight; a disabled one computes every time."""
        self.budget = budget
        self.enabled = enabled and budget > 0
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()
        self.generation = 0

    def get(self, key: Hashable, compute: Callable[[], T], weight: Callable[[T], int] = _one) -> T:
        """The cached value for ``key``, computing (outside the lock) and storing it on a miss."""
        if not self.enabled:
            return compute()
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]  # type: ignore[no-any-return]
            generation = self.generation
        value = compute()
        cost = max(1, weight(value))
        with self._lock:
            if generation == self.generation and cost <= self.budget and key not in self._entries:
                self._entries[key] = (value, cost)  # stored only if no write happened while computing
                self._weight += cost
                while self._weight > self.budget:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self._weight -= dropped
        return value

    def bump(self) -> None:
        """Forget everything: the store changed."""
        with self._lock:
            self.generation += 1
            self._entries.clear()
            self._weight = 0
