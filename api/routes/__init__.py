"""One router per module; ``api.main`` includes them from a list."""
