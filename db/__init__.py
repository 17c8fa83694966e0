"""Persistence: Tortoise models (one module per area), migrations and database config."""
