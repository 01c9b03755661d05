"""Read-side lookups shared by the Python API (``graph.claimgraph``) and the HTTP API (``api/``): claims narrowed
by the canned id queries, then fetched in batches, and cursor paging over sorted listings."""
