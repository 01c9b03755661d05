"""Derive graph/extract/cue_stats.py: how often each (rule, cue lemma, source kind) pattern yields a correct attribution.

Usage (PolNeAR train, never dev or test; --parse-cache reuses the parses of `claimgraph evaluate --parse-cache`):
    .venv/bin/python scripts/derive_cue_stats.py /work/shared/polnear/train [--parse-cache DIR] > graph/extract/cue_stats.py

Every document is parsed once, the extractor's rules run with learned confidences switched off,
and each predicted attribution is matched to gold with the evaluation's one-to-one matching.  Per
rule, the share of matched predictions among its rare lemmas estimates a lemma never seen; each
(rule, lemma) seen at least MIN_SEEN times gets its own share, shrunk towards that rule estimate.
Both are split again by the kind of source (``reliability.source_kind``: none, rel, pron, name, noun)
where a split is seen at least MIN_SEEN times, shrunk towards the unsplit estimate.  Where it is not, the
kind's log-odds shift over all of the rule's lemmas (``(rule, "+", kind)``) moves the unsplit estimate or the
rule's hand-set prior, so that an unsourced quotation under a frequent cue is not trusted like a sourced one.  The extractor
uses the estimate as the claim's confidence (``reliability.reliability``) and drops patterns below
``claims.MIN_CONFIDENCE``.  Only lemma statistics are kept, never document strings.
"""

from __future__ import annotations

import sys
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

MIN_SEEN = 15  # uses on train before a (rule, lemma) pattern gets its own estimate
PRIOR_WEIGHT = 4  # pseudo-counts of the rule's estimate mixed into each pattern's
MIN_POOLED = 15  # rarer uses of a rule needed before the rule has an estimate for unseen lemmas


def derive(pairs: Iterable[tuple[Any, Any]]) -> str:
    """The generated module text for (gold document, parsed Doc) pairs."""
    from graph.evaluate.metrics import Tokens, match_quotes
    from graph.extract.claims import find_attributions
    from graph.extract.reliability import pattern_key, source_kind
    from graph.readwrite.citron import Quote
    from graph.types import Span

    seen: Counter[tuple[str, str, str]] = Counter()
    right: Counter[tuple[str, str, str]] = Counter()
    with_prior: Counter[tuple[str, str, str, float]] = Counter()  # the same, keyed by the rule's prior as well
    right_prior: Counter[tuple[str, str, str, float]] = Counter()
    for gold, doc in pairs:
        found = find_attributions(doc, learned=False)
        text = doc.text
        pred = [
            Quote(contents=tuple(Span.of(text, *c) for c in f.contents),
                  sources=(Span.of(text, *f.source),) if f.source else ())
            for f in found
        ]
        matched = {p for _, p in match_quotes(gold.quotes, pred, Tokens(text))}
        for i, f in enumerate(found):
            if f.nested:
                continue  # PolNeAR never annotates nested attributions, so it cannot rate them
            key = (*pattern_key(doc, f), source_kind(doc, f, text))
            seen[key] += 1
            right[key] += i in matched
            with_prior[(*key, f.confidence)] += 1
            right_prior[(*key, f.confidence)] += i in matched
    return render(seen, right, with_prior, right_prior)


def render(
    seen: Counter[tuple[str, str, str]],
    right: Counter[tuple[str, str, str]],
    with_prior: Mapping[tuple[str, str, str, float], int] | None = None,
    right_prior: Mapping[tuple[str, str, str, float], int] | None = None,
) -> str:
    """The module text: per rule, the share right among its rare lemmas (the estimate for a lemma never seen,
    key ``(rule, "*")``); per frequent (rule, lemma) its share shrunk towards that rule estimate; each of
    these split by source kind where the split is frequent, shrunk towards the unsplit estimate; and per
    (rule, kind) the log-odds shift for the candidates no split covers (``kind_shifts``)."""
    lemma_seen: Counter[tuple[str, str]] = Counter()
    lemma_right: Counter[tuple[str, str]] = Counter()
    for (rule, lemma, _), n in seen.items():
        lemma_seen[rule, lemma] += n
        lemma_right[rule, lemma] += right[rule, lemma, _]
    pooled_seen: Counter[tuple[str, ...]] = Counter()
    pooled_right: Counter[tuple[str, ...]] = Counter()
    for (rule, lemma, kind), n in seen.items():
        if lemma_seen[rule, lemma] < MIN_SEEN:
            for key in ((rule,), (rule, kind)):
                pooled_seen[key] += n
                pooled_right[key] += right[rule, lemma, kind]
    base = {key: (pooled_right[key] + 1) / (n + 2) for key, n in pooled_seen.items() if len(key) == 1}
    table: dict[tuple[str, ...], tuple[float, int, int]] = {}  # key -> (estimate, right, seen)

    def shrunk(hits: int, n: int, prior: float) -> float:
        """The observed share pulled towards ``prior`` by PRIOR_WEIGHT pseudo-counts."""
        return (hits + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT)

    for (rule,), estimate in base.items():
        if pooled_seen[rule,] >= MIN_POOLED and rule != "continuation":
            table[rule, "*"] = (estimate, pooled_right[rule,], pooled_seen[rule,])
    for key, n in pooled_seen.items():
        if len(key) == 2 and n >= MIN_SEEN and (key[0], "*") in table:
            table[key[0], "*", key[1]] = (shrunk(pooled_right[key], n, base[key[0],]), pooled_right[key], n)
    for (rule, lemma), n in lemma_seen.items():
        if n >= MIN_SEEN and rule != "continuation":
            prior = base.get((rule,), 0.5)
            table[rule, lemma] = (shrunk(lemma_right[rule, lemma], n, prior), lemma_right[rule, lemma], n)
    for (rule, lemma, kind), n in seen.items():
        if n >= MIN_SEEN and (rule, lemma) in table:
            table[rule, lemma, kind] = (shrunk(right[rule, lemma, kind], n, table[rule, lemma][0]),
                                        right[rule, lemma, kind], n)
    shifts = kind_shifts(table, with_prior or {}, right_prior or {})
    lines = [
        '"""Learned reliability of attribution patterns: P(correct | rule, cue lemma, source kind) on PolNeAR train.',
        "",
        f"Generated by scripts/derive_cue_stats.py: (rule, lemma) patterns seen at least {MIN_SEEN} times, their",
        f"share shrunk towards the rule's share among rarer lemmas by {PRIOR_WEIGHT} pseudo-counts; (rule, \"*\") is",
        f"that rule share (pooled over at least {MIN_POOLED} uses), which frames without hand-set priors use for",
        "lemmas not listed (reliability.LEARNED_ONLY).  Three-part keys split either by the source's kind",
        "(reliability.source_kind), shrunk towards the two-part estimate; (rule, \"+\", kind) is the log-odds shift",
        "for that kind where no split covers a pattern (fitted over the rule's candidates, shrunk by the same",
        "pseudo-counts); reliability.reliability looks them up.",
        'Do not edit by hand, re-run the script after changing the rules.\n"""',
        "",
        "LEARNED: dict[tuple[str, ...], float] = {",
    ]
    for key in sorted(table, key=lambda k: (k[1] != "*", k)):
        estimate, hits, n = table[key]
        lines.append(f"    {key!r}: {estimate:.2f},  # {hits}/{n}")
    for key in sorted(shifts):
        shift, hits, n = shifts[key]
        lines.append(f"    {key!r}: {shift:.2f},  # log-odds; {hits}/{n}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def kind_shifts(
    table: Mapping[tuple[str, ...], tuple[float, int, int]],
    with_prior: Mapping[tuple[str, str, str, float], int],
    right_prior: Mapping[tuple[str, str, str, float], int],
) -> dict[tuple[str, ...], tuple[float, int, int]]:
    """Per (rule, kind), the log-odds shift that makes the estimates the extractor would use without a kind
    split (the pattern's, else the rule's hand-set prior) sum to the matches seen, shrunk by PRIOR_WEIGHT;
    kept only where it lowers trust, and never fitted on unsourced constructions (``unsourced_construction``)."""
    from graph.extract.reliability import LEARNED_ONLY, SHIFT, unsourced_construction

    groups: dict[tuple[str, str], list[tuple[float, int, int]]] = defaultdict(list)
    for (rule, lemma, kind, prior), n in with_prior.items():
        if rule == "continuation" or (rule, lemma, kind) in table:
            continue
        if kind == "none" and unsourced_construction(rule, lemma):
            continue
        if (rule, lemma) in table:
            base = table[rule, lemma][0]
        elif not rule.endswith(LEARNED_ONLY):
            base = prior
        else:
            continue  # frames without priors already take the rule's per-kind share
        groups[rule, kind].append((base, n, right_prior.get((rule, lemma, kind, prior), 0)))
    out: dict[tuple[str, ...], tuple[float, int, int]] = {}
    for (rule, kind), members in groups.items():
        total = sum(n for _, n, _ in members)
        hits = sum(h for _, _, h in members)
        if total < MIN_SEEN:
            continue
        shift = _fit_shift(members, hits) * total / (total + PRIOR_WEIGHT)
        if shift <= -0.05:  # only ever less trust: a rare lemma's hand-set prior stays the ceiling
            out[rule, SHIFT, kind] = (shift, hits, total)
    return out


def _fit_shift(members: list[tuple[float, int, int]], hits: int) -> float:
    """The log-odds shift (by bisection within +-6) at which the shifted estimates sum to ``hits``."""
    logits = [(math.log(p / (1 - p)), n) for p, n, _ in ((min(max(p, 0.01), 0.99), n, h) for p, n, h in members)]
    low, high = -6.0, 6.0
    for _ in range(60):
        mid = (low + high) / 2
        expected = sum(n / (1 + math.exp(-(lg + mid))) for lg, n in logits)
        low, high = (mid, high) if expected < hits else (low, mid)
    return (low + high) / 2


def main(argv: list[str]) -> None:
    """Parse the PolNeAR tree named on the command line and print the generated module."""
    import argparse
    from pathlib import Path

    from graph.evaluate.gold import read_gold
    from graph.extract.parse_cache import parsed_docs
    from graph.extract.pipeline import prepared_doc
    from graph.nlp import load_pipeline
    from graph.settings import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", help="PolNeAR tree (text/ + attributions/), train only")
    parser.add_argument("--parse-cache", type=Path, help="reuse the parses `claimgraph evaluate --parse-cache` keeps")
    parser.add_argument("--slice", default=":", help="START:STOP of the sorted documents (to check generalisation)")
    args = parser.parse_args(argv)
    start, _, stop = args.slice.partition(":")
    docs = read_gold(args.corpus)[int(start) if start else None : int(stop) if stop else None]
    nlp = load_pipeline(DEFAULT_MODEL)
    texts = [d.text for d in docs]
    if args.parse_cache is not None:
        parsed = parsed_docs(nlp, texts, args.parse_cache)
    else:
        parsed = nlp.pipe((prepared_doc(nlp, t) for t in texts), batch_size=32)  # the Doc the extractor parses
    sys.stdout.write(derive(zip(docs, parsed, strict=True)))


if __name__ == "__main__":
    main(sys.argv[1:])
