"""The store commands end to end through click: ingest/remove, claims/entities/query/sparql/stats, formats.

Exact expectations use the stand-in extractor (monkeypatched into the pipeline module); the acceptance
tests at the end run the real pipeline on seeds/ and check the must-shows of the issue.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from graph.cli import COMMANDS, main
from graph.store.embedded import EmbeddedStore
from tests.data.kg_example import EXAMPLE_ID, EXAMPLE_TEXT, REPO, SEEDS, seed_store, use_fake_extractor

if TYPE_CHECKING:
    from spacy.language import Language

OTHER_TEXT = 'Bob Smith said "Jane Doe misled Acme Corp."\n'
SUMMARY = re.compile(
    r"^(?P<documents>\d+) documents ingested, \d+ unchanged, (?P<failed>\d+) failed, \d+ skipped, "
    r"(?P<claims>\d+) claims, (?P<triples>\d+) triples, \d+\.\d s$"
)
CLAIM_KEYS = {"id", "iri", "document", "start", "end", "speaker", "speaker_entity", "speaker_text", "cue", "content",
              "kind", "confidence", "about"}


def cli(nlp: Language | None, args: list[str], **options: Any) -> Result:
    """Run claimgraph in-process, reusing the session pipeline; wide terminal for readable tables."""
    env = {"COLUMNS": "120", "CLAIMGRAPH_STORE": None, "CLAIMGRAPH_MAX_BYTES": None, **options.pop("env", {})}
    return CliRunner().invoke(main, args, obj={"nlp": nlp}, env=env, **options)


def ok(result: Result) -> Result:
    """The result, after asserting exit status 0 (showing both streams otherwise)."""
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


def make_corpus(root: Path) -> Path:
    """example.txt, other.txt and a skipped image."""
    root.mkdir()
    (root / EXAMPLE_ID).write_bytes(EXAMPLE_TEXT.encode("utf-8"))
    (root / "other.txt").write_bytes(OTHER_TEXT.encode("utf-8"))
    (root / "image.png").write_bytes(b"\x89PNG\x00")
    return root


def make_store(nlp: Language, corpus: Path, path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A disk store holding the hand-built corpus, ingested through the CLI with the stand-in extractor."""
    use_fake_extractor(monkeypatch)
    result = ok(cli(nlp, ["ingest", str(corpus), "--store", str(path)]))
    assert "skipped: " in result.stderr and "image.png" in result.stderr
    return str(path)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A fresh copy of the hand-built corpus."""
    return make_corpus(tmp_path / "corpus")


@pytest.fixture
def fresh_store(nlp: Language, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store of its own, for tests that write."""
    return make_store(nlp, corpus, tmp_path / "store", monkeypatch)


@pytest.fixture(scope="module")
def store(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One store shared by the read-only tests of this module."""
    root = tmp_path_factory.mktemp("cli-store")
    with pytest.MonkeyPatch.context() as monkeypatch:  # the stand-in extractor only while building
        path = make_store(nlp, make_corpus(root / "corpus"), root / "store", monkeypatch)
    return path


# ---------------------------------------------------------------- help


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command: str) -> None:
    module = COMMANDS[command].split(":")[0]
    if not (REPO / (module.replace(".", "/") + ".py")).exists():
        pytest.skip(f"{module} is not in this checkout yet")
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and command in result.output


def test_top_level_help_lists_the_store_commands() -> None:
    result = ok(CliRunner().invoke(main, ["--help"]))
    for command in ("ingest", "remove", "claims", "entities", "query", "sparql", "stats"):
        assert command in result.output


# ---------------------------------------------------------------- ingest and remove


def test_ingest_prints_a_one_line_summary(fresh_store: str, nlp: Language, corpus: Path) -> None:
    result = ok(cli(nlp, ["ingest", str(corpus), "--store", fresh_store]))  # second run: unchanged
    summary = result.stderr.strip().splitlines()[-1]
    match = SUMMARY.match(summary)
    assert match, summary
    assert (match["documents"], match["failed"]) == ("0", "0")
    assert "1 unchanged" not in summary and "2 unchanged" in summary
    assert result.stdout == ""


def test_first_ingest_counts(nlp: Language, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_extractor(monkeypatch)
    result = ok(cli(nlp, ["ingest", str(corpus), "--store", str(tmp_path / "s")]))
    match = SUMMARY.match(result.stderr.strip().splitlines()[-1])
    assert match and (match["documents"], match["claims"], match["triples"]) == ("2", "4", "2")


def test_progress_bar_only_for_more_than_a_handful(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_extractor(monkeypatch)
    many = tmp_path / "many"
    many.mkdir()
    for i in range(8):
        (many / f"doc{i}.txt").write_text(f'Jane Doe said "Point number {i}."\n', encoding="utf-8")
    result = ok(cli(nlp, ["ingest", str(many), "--store", str(tmp_path / "s")]))
    assert "ingest" in result.stderr and "8/8" in result.stderr
    few = tmp_path / "few"
    few.mkdir()
    (few / "a.txt").write_text('Jane Doe said "Only one."\n', encoding="utf-8")
    result = ok(cli(nlp, ["ingest", str(few), "--store", str(tmp_path / "s2")]))
    assert "1/1" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_stdin_with_a_name(nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_extractor(monkeypatch)
    path = str(tmp_path / "s")
    ok(cli(nlp, ["ingest", "-", "--name", "pasted.txt", "--store", path], input=OTHER_TEXT))
    found = json.loads(ok(cli(nlp, ["claims", "--document", "pasted.txt", "--format", "json", "--store", path])).stdout)
    assert [(c["document"], c["speaker"]) for c in found] == [("pasted.txt", "Bob Smith")]


@pytest.mark.parametrize("via", ["option", "env"])
def test_bad_inputs_are_reported_one_line_each_and_the_rest_ingested(
    nlp: Language, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, via: str
) -> None:
    use_fake_extractor(monkeypatch)
    bad = tmp_path / "bad"
    bad.mkdir()
    files = {"latin1.txt": b"caf\xe9 said", "empty.txt": b"", "binary.md": b"\x00\x01\x02\x03", "big.txt": b"a" * 400}
    for name, data in files.items():
        (bad / name).write_bytes(data)
    args = ["ingest", str(corpus), str(bad), str(tmp_path / "missing.txt"), "--store", str(tmp_path / "s")]
    env = {}
    if via == "option":
        args += ["--max-bytes", "300"]
    else:
        env["CLAIMGRAPH_MAX_BYTES"] = "300"
    result = cli(nlp, args, env=env)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    reasons = {"latin1.txt": "not UTF-8", "empty.txt": "is empty", "binary.md": "binary", "big.txt": "over the limit of 300"}
    assert len(errors) == len(reasons) + 1
    for name, reason in reasons.items():
        assert any(f"{bad / name}: " in line and reason in line for line in errors), name
    assert any(f"{tmp_path / 'missing.txt'}: no such file" in line for line in errors)
    assert "Traceback" not in result.output
    assert SUMMARY.match(result.stderr.strip().splitlines()[-1])["documents"] == "2"  # type: ignore[index]


def test_remove_one_document(fresh_store: str, nlp: Language) -> None:
    store = fresh_store
    result = ok(cli(nlp, ["remove", "other.txt", "--store", store]))
    assert "removed other.txt" in result.stderr
    stats = json.loads(ok(cli(nlp, ["stats", "--format", "json", "--store", store])).stdout)
    assert (stats["documents"], stats["claims"]) == (1, 3)
    result = cli(nlp, ["remove", "other.txt", "--store", store])
    assert result.exit_code == 1 and "no document 'other.txt'" in result.output


def test_a_locked_store_is_a_clear_error(store: str, nlp: Language) -> None:
    with EmbeddedStore(store):
        result = cli(nlp, ["claims", "--store", store])
    assert result.exit_code == 1 and "in use by another claimgraph process" in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- read commands and formats


def test_claims_table(store: str, nlp: Language) -> None:
    out = ok(cli(nlp, ["claims", "--store", store])).stdout
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["speaker", "cue", "content"]
    assert lines[-1] == "(4 rows)"
    assert any(line.startswith("Jane Doe") for line in lines) and any(line.startswith("Officials") for line in lines)


def test_claims_json_is_one_array_with_an_object_per_claim(store: str, nlp: Language) -> None:
    found = json.loads(ok(cli(nlp, ["claims", "--format", "json", "--store", store])).stdout)
    assert isinstance(found, list) and len(found) == 4
    assert all(set(c) == CLAIM_KEYS for c in found)
    first = found[0]
    assert (first["document"], first["start"], first["end"], first["speaker"], first["about"]) == (
        EXAMPLE_ID, 20, 49, "Jane Doe", ["Acme Corp"]
    )
    assert EXAMPLE_TEXT[first["start"] : first["end"]] == first["content"]
    assert isinstance(first["confidence"], float) and first["kind"] == "direct"


@pytest.mark.parametrize("limit", [1, 3, 4, 9])
def test_claims_limit_gives_the_first_claims_and_says_how_many_matched(store: str, nlp: Language, limit: int) -> None:
    """--limit N prints the first N claims in the same order as the full listing, and the total on stderr."""
    everything = json.loads(ok(cli(nlp, ["claims", "--format", "json", "--store", store])).stdout)
    result = ok(cli(nlp, ["claims", "--format", "json", "--limit", str(limit), "--store", store]))
    assert json.loads(result.stdout) == everything[:limit]
    assert ("showing" in result.stderr) is (limit < len(everything))
    if limit < len(everything):
        assert f"showing {limit} of {len(everything)} claims" in result.stderr


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_claims_csv_and_tsv(store: str, nlp: Language, fmt: str, delimiter: str) -> None:
    out = ok(cli(nlp, ["claims", "--format", fmt, "--store", store])).stdout
    rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
    assert len(rows) == 4
    assert {"speaker", "cue", "content", "about", "kind", "confidence", "document", "start", "end", "id"} <= set(rows[0])
    assert rows[3]["about"] == "Acme Corp | Jane Doe"  # about names in name order
    assert rows[0]["content"] == '"Acme lied about the bridge."'


@pytest.mark.parametrize(
    ("option", "value", "count"),
    [("--about", "ACME", 2), ("--about", "acme corp", 2), ("--speaker", "smith", 1), ("--speaker", "jane doe", 1),
     ("--about", "Nobody", 0), ("--kind", "indirect", 2), ("--min-confidence", "0.85", 2), ("--document", "other.txt", 1)],
)
def test_claims_filters_match_names_and_aliases_in_any_case(
    store: str, nlp: Language, option: str, value: str, count: int
) -> None:
    found = json.loads(ok(cli(nlp, ["claims", option, value, "--format", "json", "--store", store])).stdout)
    assert len(found) == count


def test_entities_formats(store: str, nlp: Language) -> None:
    found = json.loads(ok(cli(nlp, ["entities", "--format", "json", "--store", store])).stdout)
    assert [(e["name"], e["type"], e["mentions"], e["documents"]) for e in found] == [
        ("Acme Corp", "Organization", 3, 2), ("Bob Smith", "Person", 3, 2), ("Jane Doe", "Person", 3, 2)
    ]
    table = ok(cli(nlp, ["entities", "--store", store])).stdout
    assert table.splitlines()[-1] == "(3 rows)"


def test_stats_json_reports_the_counts(store: str, nlp: Language) -> None:
    stats = json.loads(ok(cli(nlp, ["stats", "--format", "json", "--store", store])).stdout)
    assert {k: stats[k] for k in ("documents", "claims", "entities", "triples")} == {
        "documents": 2, "claims": 4, "entities": 3, "triples": 2
    }
    with EmbeddedStore(store) as opened:
        assert stats["quads"] == opened.quad_count() > 0


def test_query_command(store: str, nlp: Language) -> None:
    listing = ok(cli(nlp, ["query", "--list", "--format", "json", "--store", store])).stdout
    assert "claims-about" in {q["name"] for q in json.loads(listing)}
    found = json.loads(ok(cli(nlp, ["query", "claims-about", "-p", "entity=smith", "--format", "json", "--store", store])).stdout)
    assert [(r["speakerName"], r["content"]) for r in found] == [("Acme Corp", "that Bob Smith approved it")]
    result = cli(nlp, ["query", "claims-about", "-p", "nosuch=1", "--store", store])
    assert result.exit_code == 1 and "has no parameter 'nosuch'" in result.output and "Traceback" not in result.output
    result = cli(nlp, ["query", "no-such-query", "--store", store])
    assert result.exit_code == 1 and "no query named" in result.output


CONSTRUCT = (
    "PREFIX schema: <https://schema.org/> "
    "CONSTRUCT { ?c schema:author ?a . ?a schema:name ?n } WHERE { ?c schema:author ?a . ?a schema:name ?n }"
)


@pytest.mark.parametrize(("fmt", "rdf_format"), [("turtle", "turtle"), ("ntriples", "nt")])
def test_sparql_construct_parses_back(store: str, nlp: Language, fmt: str, rdf_format: str) -> None:
    out = ok(cli(nlp, ["sparql", CONSTRUCT, "--format", fmt, "--store", store])).stdout
    graph = Graph().parse(data=out, format=rdf_format)
    assert len(graph) == 6  # three claims with a resolved author, three author names
    assert {str(o) for o in graph.objects()} >= {"Jane Doe", "Acme Corp", "Bob Smith"}


def test_sparql_select_ask_file_stdin_and_errors(store: str, nlp: Language, tmp_path: Path) -> None:
    select = "SELECT ?n WHERE { ?e <https://schema.org/name> ?n } ORDER BY ?n"
    rows = json.loads(ok(cli(nlp, ["sparql", select, "--format", "json", "--store", store])).stdout)
    assert rows == [{"n": "Acme Corp"}, {"n": "Bob Smith"}, {"n": "Jane Doe"}]
    query_file = tmp_path / "names.rq"
    query_file.write_text(select, encoding="utf-8")
    out = ok(cli(nlp, ["sparql", str(query_file), "--format", "csv", "--store", store])).stdout
    assert out.splitlines() == ["n", "Acme Corp", "Bob Smith", "Jane Doe"]
    out = ok(cli(nlp, ["sparql", "-", "--format", "tsv", "--store", store], input=select)).stdout
    assert out.splitlines()[1:] == ["Acme Corp", "Bob Smith", "Jane Doe"]
    assert ok(cli(nlp, ["sparql", "ASK { ?s ?p ?o }", "--store", store])).stdout.strip() == "true"
    result = cli(nlp, ["sparql", "SELECT ?x WHERE { ?x", "--store", store])
    assert result.exit_code == 1 and "SPARQL syntax error" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------- acceptance on the seed files (real pipeline)

STARMER_NAMES = ["Keir Starmer", "keir starmer", "Starmer", "Sir Keir", "Sir Kier"]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> str:
    """A store of the seeds (real pipeline) for this module."""
    return str(seed_store(tmp_path_factory, nlp, tmp_path_factory.mktemp("cli-seeds") / "store"))


@pytest.mark.parametrize("name", STARMER_NAMES)
def test_claims_about_keir_starmer_span_both_seed_files(seeds: str, nlp: Language, name: str) -> None:
    """Must-show: --about finds claims about him in both files, whichever of his names is typed."""
    found = json.loads(ok(cli(nlp, ["claims", "--about", name, "--format", "json", "--store", seeds])).stdout)
    assert {c["document"] for c in found} == {p.name for p in SEEDS.glob("*.txt")}
    assert all("Keir Starmer" in c["about"] for c in found)
    canonical = json.loads(ok(cli(nlp, ["claims", "--about", "Keir Starmer", "--format", "json", "--store", seeds])).stdout)
    assert {c["id"] for c in found} == {c["id"] for c in canonical}


@pytest.mark.parametrize("columns", [72, 120, 240])
def test_claims_table_fills_the_terminal_width_and_no_more(seeds: str, nlp: Language, columns: int) -> None:
    """The table is as wide as the terminal: no line longer, wider terminals show more of each claim."""
    table = ok(cli(nlp, ["claims", "--store", seeds], env={"COLUMNS": str(columns)})).stdout.splitlines()
    found = json.loads(ok(cli(nlp, ["claims", "--format", "json", "--store", seeds])).stdout)
    assert max(len(line) for line in table) == columns and table[-1] == f"({len(found)} rows)"
    whole = [c for c in found if " ".join(c["content"].split()) in "\n".join(table)]
    assert (len(whole) > len(found) // 2) == (columns >= 240), "long contents whole only on a wide terminal"


def readme_first_commands() -> list[list[str]]:
    """The claimgraph invocations of the README's first shell block that runs claimgraph."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```(?:bash|sh|console|shell)?\n(.*?)```", text, flags=re.DOTALL):
        commands = []
        for part in re.split(r"&&|\n|;", block):
            words = shlex.split(part.strip().removeprefix("$ "))
            if words and Path(words[0]).name == "claimgraph":
                commands.append(words[1:])
        if commands:
            return commands
    return []


def test_readme_first_command_shows_the_main_speakers(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Must-show: the README's first command, run in a fresh directory holding seeds/, names these speakers."""
    commands = readme_first_commands()
    assert commands, "the README has no claimgraph command"
    (tmp_path / "seeds").symlink_to(SEEDS, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    output = ""
    for args in commands:
        output += ok(cli(nlp, args)).stdout
    for speaker in ("Angela Rayner", "Labour Muslim Network", "Keir Starmer"):
        assert re.search(rf"^{speaker}\b", output, flags=re.MULTILINE), f"{speaker} is not listed as a speaker"


def test_json_numbers_and_times_keep_their_types(store: str, nlp: Language) -> None:
    """xsd:decimal becomes a JSON number and xsd:dateTime ISO 8601 text, in query and sparql output alike."""
    found = json.loads(ok(cli(nlp, ["query", "claims-by-speaker", "-p", "speaker=Jane Doe", "--format", "json", "--store", store])).stdout)
    assert [(r["content"], r["confidence"]) for r in found] == [('"Acme lied about the bridge."', 0.9)]
    times = "SELECT ?t WHERE { ?run <http://www.w3.org/ns/prov#startedAtTime> ?t }"
    stamps = {r["t"] for r in json.loads(ok(cli(nlp, ["sparql", times, "--format", "json", "--store", store])).stdout)}
    assert len(stamps) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)", stamps.pop())


@pytest.mark.parametrize("update", ["DROP ALL", "CLEAR DEFAULT", 'INSERT DATA { <http://x/a> <http://x/b> "c" }'])
def test_sparql_command_is_read_only(fresh_store: str, nlp: Language, update: str) -> None:
    store = fresh_store
    before = json.loads(ok(cli(nlp, ["stats", "--format", "json", "--store", store])).stdout)
    result = cli(nlp, ["sparql", update, "--store", store])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert json.loads(ok(cli(nlp, ["stats", "--format", "json", "--store", store])).stdout) == before


def test_hostile_query_parameters_through_the_cli(fresh_store: str, nlp: Language) -> None:
    """A value that looks like SPARQL is data (no rows) or refused (exit 1); the store is unchanged either way."""
    store = fresh_store
    before = json.loads(ok(cli(nlp, ["stats", "--format", "json", "--store", store])).stdout)
    hostile = 'x" } ; DROP ALL ; #'
    found = ok(cli(nlp, ["query", "entity-search", "-p", f"q={hostile}", "--format", "json", "--store", store]))
    assert json.loads(found.stdout) == []
    assert json.loads(ok(cli(nlp, ["claims", "--about", hostile, "--format", "json", "--store", store])).stdout) == []
    result = cli(nlp, ["query", "claim-source", "-p", "claim=x> } ; DROP ALL ; #", "--store", store])
    assert result.exit_code == 1 and "not a valid IRI" in result.output and "Traceback" not in result.output
    assert json.loads(ok(cli(nlp, ["stats", "--format", "json", "--store", store])).stdout) == before


READ_COMMANDS = {
    "claims": ["claims"],
    "entities": ["entities"],
    "stats": ["stats"],
    "query": ["query", "documents"],
    "sparql": ["sparql", "SELECT ?d ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id"],
}
ROW_COUNTS = {"claims": 4, "entities": 3, "stats": 1, "query": 2, "sparql": 2}


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv"])
@pytest.mark.parametrize("command", sorted(READ_COMMANDS))
def test_every_read_command_in_every_row_format(store: str, nlp: Language, command: str, fmt: str) -> None:
    out = ok(cli(nlp, [*READ_COMMANDS[command], "--format", fmt, "--store", store])).stdout
    rows = ROW_COUNTS[command]
    if fmt == "json":
        data = json.loads(out)
        if command == "stats":  # one object of counts
            assert isinstance(data, dict) and {"documents", "claims", "entities", "triples", "quads"} <= set(data)
        else:
            assert isinstance(data, list) and len(data) == rows and all(isinstance(r, dict) for r in data)
    elif fmt == "table":
        assert out.splitlines()[-1] == f"({rows} rows)"
    else:
        parsed = list(csv.reader(io.StringIO(out), delimiter="\t" if fmt == "tsv" else ","))
        assert len(parsed) == rows + 1 and len({len(r) for r in parsed}) == 1, "a header and rectangular rows"
