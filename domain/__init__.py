"""The business rules. Nothing here imports GraphQL or HTTP code."""
