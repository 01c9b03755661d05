"""``claimgraph evaluate``: score the extractor (or saved Citron predictions) against gold attributions."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from graph.errors import ClaimgraphError, InputError
from graph.evaluate.gold import GoldDocument, is_brat_tree, read_gold
from graph.evaluate.metrics import Report, fold_continuations, quote_errors, score_document
from graph.evaluate.report import format_errors, format_report
from graph.readwrite.citron import Quote, quote_json, read_citron

Predicted = Iterator[tuple[GoldDocument, Sequence[Quote] | None]]
SCHEMES = {
    "fold": "continuation paragraphs folded into the attribution they continue (PolNeAR scheme)",
    "separate": "continuation paragraphs scored as attributions of their own (Citron scheme)",
}


def saved_predictions(docs: Sequence[GoldDocument], pred_dir: Path) -> Predicted:
    """Pair each gold document with ``pred_dir/<gold stem>.json`` (None when that file is absent)."""
    if not pred_dir.is_dir():
        raise InputError(str(pred_dir), "no such directory")
    for doc in docs:
        path = pred_dir / f"{doc.name}.json"
        if not path.is_file():
            yield doc, None
            continue
        pred = read_citron(path)
        if pred.text != doc.text:
            raise InputError(str(path), f"text differs from the gold document {doc.name!r}; offsets cannot be compared")
        yield doc, pred.quotes


def extractor_predictions(
    ctx: click.Context, docs: Sequence[GoldDocument], model: str | None, batch_size: int, n_process: int,
    parse_cache: Path | None = None,
) -> Predicted:
    """Run the extractor over the gold texts (pipeline loaded once, batched), pairing as it streams;
    with ``parse_cache`` the parses are read from / kept in that directory."""
    from graph.cli.extract import pipeline_for
    from graph.extract.parse_cache import extract_cached
    from graph.extract.pipeline import extract_many
    from graph.readwrite.citron import quotes_from_extraction

    nlp = pipeline_for(ctx, model)
    texts = (doc.text for doc in docs)
    if parse_cache is not None:
        extractions = extract_cached(nlp, texts, parse_cache, batch_size=batch_size)
    else:
        extractions = extract_many(nlp, texts, batch_size=batch_size, n_process=n_process)
    for doc, extraction in zip(docs, extractions, strict=True):
        yield doc, quotes_from_extraction(extraction)


def _error_record(doc: GoldDocument, missed: list[Quote], spurious: list[Quote]) -> dict[str, Any]:
    """One document's unmatched quotes as JSON."""
    return {"document": doc.name, "missed": [quote_json(q) for q in missed], "spurious": [quote_json(q) for q in spurious]}


@click.command()
@click.argument("gold_path", type=click.Path(path_type=Path))
@click.option("--pred", "pred_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory of Citron JSON predictions named after the gold stems (default: run the extractor).")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: CLAIMGRAPH_MODEL).")
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate only the first N gold documents (sorted).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list missed gold quotes and spurious predictions.")
@click.option("--continuations", type=click.Choice(["auto", "fold", "separate"]), default="auto", show_default=True,
              help="How predicted continuation claims are scored: folded into the claim they continue (as "
                   "PolNeAR annotates) or separately (as the Citron seeds do); auto picks by the gold format.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1))
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--parse-cache", type=click.Path(file_okay=False, path_type=Path),
              help="Keep parsed documents in this directory and reuse them on later runs (for tuning rules; "
                   "entries are keyed by text, pipeline and preparation code).")
@click.pass_context
def evaluate(ctx: click.Context, gold_path: Path, pred_dir: Path | None, model: str | None, limit: int | None,
             as_json: bool, show_errors: bool, continuations: str, batch_size: int, n_process: int,
             parse_cache: Path | None) -> None:
    """Score claims against GOLD_PATH: Citron JSON (file or directory) or a PolNeAR text/ + attributions/ tree."""
    report = Report()
    errors: list[dict[str, Any]] = []
    if continuations == "auto":
        continuations = "fold" if is_brat_tree(gold_path) else "separate"
    try:
        docs = read_gold(gold_path, limit=limit)
        if pred_dir is not None:
            pairs = saved_predictions(docs, pred_dir)
        else:
            pairs = extractor_predictions(ctx, docs, model, batch_size, n_process, parse_cache)
        for doc, pred in pairs:
            if pred is not None and continuations == "fold":
                pred = fold_continuations(pred)
            report += score_document(doc, pred or ())
            if pred is None:
                report += Report(missing_predictions=(doc.name,))
            if show_errors:
                missed, spurious = quote_errors(doc, pred or ())
                if as_json:
                    errors.append(_error_record(doc, missed, spurious))
                elif missed or spurious:
                    click.echo(format_errors(doc.name, missed, spurious) + "\n")
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        figures = report.to_dict()
        figures["continuations"] = continuations
        if show_errors:
            figures["errors"] = errors
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report))
        click.echo(f"continuations: {SCHEMES[continuations]}")
