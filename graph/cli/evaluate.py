"""``claimgraph evaluate``: score the extractor (or saved Citron predictions) against gold attributions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from graph.errors import ClaimgraphError, InputError
from graph.evaluate.gold import GoldDocument, read_gold
from graph.evaluate.metrics import Report, score_document
from graph.evaluate.report import format_report
from graph.readwrite.citron import Quote, read_citron


def predictions_from_dir(docs: Sequence[GoldDocument], pred_dir: Path) -> dict[str, Sequence[Quote]]:
    """Citron predictions ``pred_dir/<gold stem>.json``; files absent are left out (scored as empty)."""
    predictions: dict[str, Sequence[Quote]] = {}
    for doc in docs:
        path = pred_dir / f"{doc.name}.json"
        if not path.is_file():
            continue
        pred = read_citron(path)
        if pred.text != doc.text:
            raise InputError(str(path), f"text differs from the gold document {doc.name!r}; offsets cannot be compared")
        predictions[doc.name] = pred.quotes
    return predictions


def evaluate_saved(docs: Sequence[GoldDocument], pred_dir: Path) -> Report:
    """Score saved predictions, listing gold documents that have none."""
    from graph.evaluate.metrics import evaluate as score_all

    return score_all(docs, predictions_from_dir(docs, pred_dir))


def evaluate_extractor(ctx: click.Context, docs: Sequence[GoldDocument], model: str | None, batch_size: int,
                       n_process: int) -> Report:
    """Run the extractor over the gold texts (pipeline loaded once, batched) and score as it streams."""
    from graph.cli.extract import pipeline_for
    from graph.extract.pipeline import extract_many
    from graph.readwrite.citron import quotes_from_extraction

    nlp = pipeline_for(ctx, model)
    report = Report()
    texts = (doc.text for doc in docs)
    for doc, extraction in zip(docs, extract_many(nlp, texts, batch_size=batch_size, n_process=n_process), strict=True):
        report += score_document(doc, quotes_from_extraction(extraction))
    return report


@click.command()
@click.argument("gold_path", type=click.Path(path_type=Path))
@click.option("--pred", "pred_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory of Citron JSON predictions named after the gold stems (default: run the extractor).")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: CLAIMGRAPH_MODEL).")
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate only the first N gold documents (sorted).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1))
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(min=1))
@click.pass_context
def evaluate(ctx: click.Context, gold_path: Path, pred_dir: Path | None, model: str | None, limit: int | None,
             as_json: bool, batch_size: int, n_process: int) -> None:
    """Score claims against GOLD_PATH: Citron JSON (file or directory) or a PolNeAR text/ + attributions/ tree."""
    try:
        docs = read_gold(gold_path, limit=limit)
        if pred_dir is not None:
            if not pred_dir.is_dir():
                raise InputError(str(pred_dir), "no such directory")
            report = evaluate_saved(docs, pred_dir)
        else:
            report = evaluate_extractor(ctx, docs, model, batch_size, n_process)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(format_report(report))
