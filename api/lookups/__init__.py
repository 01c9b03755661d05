"""Read-side lookups behind the JSON endpoints: claims, entities, documents, as plain dicts with links."""
