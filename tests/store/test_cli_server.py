"""The CLI unchanged against an Oxigraph server: --store URL with --update-url / --graph-store-url or env."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from graph.cli import main
from tests.store.conftest import OxigraphServer, remote_store

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = [pytest.mark.server, pytest.mark.slow]


def invoke(nlp: Language, args: list[str], env: dict[str, str] | None = None) -> Result:
    """Run the CLI in-process with the session's pipeline."""
    return CliRunner().invoke(main, args, obj={"nlp": nlp}, env=env, catch_exceptions=False)


def test_ingest_reingest_claims_query_and_remove_through_the_server(
    nlp: Language, oxigraph_server: OxigraphServer, seed_dir: Path
) -> None:
    remote_store(oxigraph_server).close()  # start empty
    flags = ["--store", oxigraph_server.query_url, "--update-url", oxigraph_server.update_url,
             "--graph-store-url", oxigraph_server.store_url]
    env = {"CLAIMGRAPH_STORE": oxigraph_server.query_url, "CLAIMGRAPH_UPDATE_URL": oxigraph_server.update_url}

    first = invoke(nlp, ["ingest", str(seed_dir), *flags])
    assert first.exit_code == 0, first.output
    assert "2 documents ingested, 0 unchanged, 0 failed" in first.output
    again = invoke(nlp, ["ingest", str(seed_dir)], env=env)  # endpoints from the environment
    assert "0 documents ingested, 2 unchanged, 0 failed" in again.output

    claims = json.loads(invoke(nlp, ["claims", "--format", "json", *flags]).output)
    documents = {c["document"] for c in claims}
    assert documents == {p.name for p in seed_dir.iterdir()}
    stats = json.loads(invoke(nlp, ["query", "stats", "--format", "json"], env=env).output)
    assert int(stats[0]["claims"]) == len(claims)

    doc = "<https://w3id.org/claimgraph/id/doc/000_47dcde34e7c4ee15.txt>"
    described = invoke(nlp, ["sparql", f"CONSTRUCT {{ {doc} ?p ?o }} WHERE {{ {doc} ?p ?o }}", "--format", "ntriples"], env=env)
    assert described.exit_code == 0, described.output
    assert f'{doc} <https://w3id.org/claimgraph/ns#sha256> "' in described.output

    removed = invoke(nlp, ["remove", "000_47dcde34e7c4ee15.txt", *flags])
    assert removed.exit_code == 0, removed.output
    left = json.loads(invoke(nlp, ["claims", "--format", "json"], env=env).output)
    assert {c["document"] for c in left} == {"004_ef74bc89c900b4aa.txt"}
    assert left == [c for c in claims if c["document"] == "004_ef74bc89c900b4aa.txt"]


def test_writing_without_an_update_endpoint_says_what_to_set(
    nlp: Language, oxigraph_server: OxigraphServer, seed_dir: Path
) -> None:
    remote_store(oxigraph_server).close()
    result = invoke(nlp, ["ingest", str(seed_dir), "--store", oxigraph_server.query_url])
    assert result.exit_code == 1
    assert result.output.count("--update-url") == 1, "the run stops at the first write, not once per document"
    assert "documents ingested" not in result.output
