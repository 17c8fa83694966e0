"""Strawberry types only: outputs, inputs, payloads, errors, enums and scalars."""
