"""Docstrings become schema descriptions.

Strawberry only publishes `description=` arguments; the resolvers and types already explain
themselves in docstrings, so those are copied into the schema rather than written twice.
An explicit `description=` always wins."""

from __future__ import annotations

import inspect
import sys

_PACKAGES = ("schema.", "resolvers.")


def _strawberry_classes() -> list[type]:
    classes = []
    for name, module in list(sys.modules.items()):
        if not name.startswith(_PACKAGES) or module is None:
            continue
        for value in vars(module).values():
            if inspect.isclass(value) and hasattr(value, "__strawberry_definition__"):
                classes.append(value)
    return classes


PAYLOAD = (
    "What the mutation returns: the object as it is now, or `errors` saying why nothing changed."
)


def _own_doc(cls: type) -> str | None:
    # inspect.getdoc falls back to a parent's docstring (e.g. relay.Node's); only the class's own.
    doc = cls.__dict__.get("__doc__")
    # dataclasses write "Name(field: type, ...)" where a class has no docstring: not prose.
    if not doc or doc.startswith(f"{cls.__name__}("):
        return None
    return inspect.cleandoc(doc)


def describe_root(root: type, text: str) -> None:
    root.__strawberry_definition__.description = text  # type: ignore[attr-defined]


def apply() -> None:
    """Fill missing descriptions of types and fields from docstrings (idempotent)."""
    for cls in _strawberry_classes():
        definition = cls.__strawberry_definition__
        if not definition.description:
            definition.description = _own_doc(cls)
        if not definition.description and cls.__name__.endswith("Payload"):
            definition.description = PAYLOAD
        for field in getattr(definition, "fields", None) or []:
            resolver = field.base_resolver
            if field.description or resolver is None:
                continue
            field.description = inspect.getdoc(resolver.wrapped_func)
