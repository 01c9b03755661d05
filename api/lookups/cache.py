"""A small LRU cache of lookup results, emptied whenever this server writes to the store.

Only used with the embedded store: the server is then its only writer (one writer process at a time), so
bumping the generation on every write through the API keeps cached lookups exact. Other backends may be
written by other processes and are never cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class LookupCache:
    """Thread-safe LRU of computed lookup results, keyed by the lookup's inputs."""

    def __init__(self, size: int, *, enabled: bool) -> None:
        """An empty cache of ``size`` entries; a disabled one computes every time."""
        self.size = size
        self.enabled = enabled
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.generation = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for ``key``, computing (outside the lock) and storing it on a miss."""
        if not self.enabled:
            return compute()
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]  # type: ignore[no-any-return]
            generation = self.generation
        value = compute()
        with self._lock:
            if generation == self.generation:  # not stale: no write happened while computing
                self._entries[key] = value
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value

    def bump(self) -> None:
        """Forget everything: the store changed."""
        with self._lock:
            self.generation += 1
            self._entries.clear()
