"""``python -m graph.cli``: the same command group as the ``claimgraph`` script."""

from graph.cli import main

main()
