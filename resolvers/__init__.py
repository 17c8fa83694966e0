"""Root Query / Mutation fields, permissions, per-request context and loaders."""
