"""Parallel extraction steps for ingest: a process pool on one machine, or a Dask cluster across machines.

Both are :data:`graph.ingest.Extract` callables: texts in, :class:`graph.types.Extraction` out, in input
order. Each worker loads the spaCy pipeline once (pool initializer / Dask worker plugin) and runs the
whole extraction (parse + claims + triples); only the frozen result dataclasses travel back. Entity
linking, RDF mapping and store writes stay in the calling process, the single writer, so the stored
quads are identical to a single-process run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from graph.errors import ModelError
from graph.types import Extraction

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

CHUNK = 4  # texts per task: enough for nlp.pipe batching, small enough to keep workers evenly busy
PLUGIN_NAME = "claimgraph-nlp"

# Set only inside pool worker processes by _init_worker: the pipeline that process loaded once.
_worker_state: dict[str, Language] = {}


class _Future(Protocol):
    """What both concurrent.futures and Dask futures offer."""

    def result(self) -> list[Extraction]:
        """Block until the chunk's extractions are ready."""
        ...


def chunks(texts: Sequence[str], size: int) -> Iterator[list[str]]:
    """Consecutive slices of ``size`` texts."""
    for start in range(0, len(texts), size):
        yield list(texts[start : start + size])


def ordered(submit: Callable[[list[str]], _Future], work: Iterable[list[str]], window: int) -> Iterator[Extraction]:
    """Submit chunks keeping at most ``window`` in flight; yield their results in submission order."""
    pending: deque[_Future] = deque()
    for chunk in work:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


# --- one machine: a process pool --------------------------------------------------------------------


def _init_worker(model: str) -> None:
    """Pool initializer: load the pipeline once in this worker process."""
    from graph.nlp import load_pipeline

    _worker_state["nlp"] = load_pipeline(model)


def _extract_in_worker(texts: list[str]) -> list[Extraction]:
    """Pool task: extract a chunk of texts with the worker's pipeline."""
    from graph.extract.pipeline import extract_many

    return list(extract_many(_worker_state["nlp"], texts, batch_size=len(texts) or 1))


class ProcessPoolExtract:
    """Extraction in ``workers`` local processes, each holding one pipeline (``claimgraph ingest --workers N``)."""

    def __init__(self, model: str, workers: int, *, chunk: int = CHUNK) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.model = model
        self.workers = workers
        self.chunk = chunk

    def __call__(self, texts: Sequence[str]) -> Iterator[Extraction]:
        """Extractions of ``texts`` in order; the pool lives for this one call."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        if not texts:
            return
        workers = min(self.workers, -(-len(texts) // self.chunk))
        context = multiprocessing.get_context("spawn")  # no inherited threads or locks; same on every OS
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(self.model,)) as pool:
            try:
                yield from ordered(lambda c: pool.submit(_extract_in_worker, c), chunks(texts, self.chunk), 3 * workers)
            except BrokenProcessPool as exc:
                raise ModelError(
                    f"an extraction worker process died ({exc}); check that the pipeline {self.model!r} "
                    "loads (its error is printed above) and that memory suffices for one pipeline per worker"
                ) from exc


# --- across machines: Dask distributed --------------------------------------------------------------


def _plugin_class() -> type:
    """The Dask worker plugin class (built lazily so importing this module never imports distributed)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the spaCy pipeline once when a worker starts (or joins), for every task on that worker."""

        name = PLUGIN_NAME

        def __init__(self, model: str) -> None:
            """Remember which pipeline to load; loading happens on the worker."""
            self.model = model
            self.nlp: Language | None = None

        def setup(self, worker: Any) -> None:
            """Load the pipeline on this worker (Dask calls it once per worker)."""
            from graph.nlp import load_pipeline

            self.nlp = load_pipeline(self.model)

        def __getstate__(self) -> dict[str, Any]:
            """Ship the name, never a loaded pipeline."""
            return {"model": self.model, "nlp": None}  # ship the name, never a loaded pipeline

    return PipelinePlugin


def _loaded_model(dask_worker: Any) -> str | None:
    """Which model the worker's plugin holds (run on each worker by ``client.run``)."""
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return getattr(plugin, "model", None) if getattr(plugin, "nlp", None) is not None else None


def _ensure_plugin(client: Client, model: str) -> None:
    """Register the pipeline plugin unless every worker already holds this model (re-registering reloads it)."""
    loaded = client.run(_loaded_model)
    if not loaded or any(name != model for name in loaded.values()):
        client.register_plugin(_plugin_class()(model), name=PLUGIN_NAME)


def _extract_on_dask_worker(texts: list[str]) -> list[Extraction]:
    """Dask task: extract a chunk with the pipeline the worker's plugin loaded."""
    from distributed import get_worker

    from graph.extract.pipeline import extract_many

    plugin = get_worker().plugins.get(PLUGIN_NAME)
    nlp = getattr(plugin, "nlp", None)
    if nlp is None:
        raise ModelError(f"worker {get_worker().address} has no claimgraph pipeline loaded (plugin not set up)")
    return list(extract_many(nlp, texts, batch_size=len(texts) or 1))


class DaskExtract:
    """Extraction on a Dask cluster (``claimgraph ingest --dask tcp://scheduler:8786``).

    Documents go to the workers in chunks; each returns the chunks' extractions, which this process
    links, maps and writes. Workers need claimgraph and the spaCy model installed.
    """

    def __init__(self, scheduler: str | Client, model: str, *, chunk: int = CHUNK) -> None:
        self.scheduler = scheduler
        self.model = model
        self.chunk = chunk

    def __call__(self, texts: Sequence[str]) -> Iterator[Extraction]:
        """Extractions of ``texts`` in order, computed on the cluster."""
        from distributed import Client

        if not texts:
            return
        own = not isinstance(self.scheduler, Client)
        client = Client(self.scheduler) if own else self.scheduler
        try:
            _ensure_plugin(client, self.model)
            threads = sum(client.nthreads().values()) or 1
            submit = lambda c: client.submit(_extract_on_dask_worker, c, pure=False)  # noqa: E731
            yield from ordered(submit, chunks(texts, self.chunk), 2 * threads)
        finally:
            if own:
                client.close()


def extract_step(model: str, *, workers: int = 1, dask: str | None = None) -> Callable[[Sequence[str]], Iterable[Extraction]] | None:
    """The extraction step for ``claimgraph ingest``: Dask, a process pool, or None for in-process."""
    if dask:
        return DaskExtract(dask, model)
    if workers > 1:
        return ProcessPoolExtract(model, workers)
    return None
