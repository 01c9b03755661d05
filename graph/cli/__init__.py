"""The ``claimgraph`` command line: a click group whose commands live one module per job.

Commands are imported only when invoked, so ``claimgraph --help`` stays fast and nothing heavy
(spaCy, the store) loads at import time.
"""

from __future__ import annotations

import importlib

import click

# command name -> "module:function"; each module owns one job.
COMMANDS: dict[str, str] = {
    "ingest": "graph.cli.ingest:ingest",
    "remove": "graph.cli.ingest:remove",
    "claims": "graph.cli.read:claims",
    "entities": "graph.cli.read:entities",
    "query": "graph.cli.read:query",
    "sparql": "graph.cli.read:sparql",
    "stats": "graph.cli.read:stats",
    "extract": "graph.cli.extract:extract",
    "evaluate": "graph.cli.evaluate:evaluate",
    "export": "graph.cli.export:export",
    "serve": "graph.cli.serve:serve",
}

COMMAND_HELP: dict[str, str] = {
    "ingest": "Extract claims from files and store them.",
    "remove": "Delete one document's data from the store.",
    "claims": "List who said what about whom.",
    "entities": "List entities ranked by mentions.",
    "query": "Run a canned query from queries/.",
    "sparql": "Run a SPARQL query (text, file or -).",
    "stats": "Count documents, claims, entities, triples, quads.",
    "extract": "Extract claims to files, without a store.",
    "evaluate": "Score predictions against gold attributions.",
    "export": "Export the speaker graph (GraphML, GEXF, HTML, ...).",
    "serve": "Serve the HTTP API and the explorer page.",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built yet in this checkout
                return None
            raise
        command: click.Command = getattr(module, attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMAND_HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimgraph")
def main() -> None:
    """claimgraph: who said what about whom, as an RDF knowledge graph with exact source spans."""
