"""The SPARQL 1.1 Protocol endpoint's parts: request parsing, evaluation under limits, result serialisation."""
