"""The claimgraph HTTP API: a FastAPI app with a SPARQL 1.1 Protocol endpoint and JSON/JSON-LD lookups."""
