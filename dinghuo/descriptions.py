"""Docstrings become schema descriptions.

Strawberry only publishes `description=` arguments; the resolvers and types already explain
themselves in docstrings, so those are copied into the schema rather than written twice:
a class's docstring describes the type, a resolver's docstring its field, and the string
literal right under a field or an enum member (an attribute docstring, as Sphinx reads them)
describes that field or enum value. An explicit `description=` always wins."""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap

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
ID = "An opaque identifier of this object: pass it back exactly as it was received."
PAYLOAD_ERRORS = "Why nothing changed; empty when the mutation succeeded."
PAYLOAD_RESULT = "The result as it is now; null when `errors` is not empty."


def _own_doc(cls: type) -> str | None:
    # inspect.getdoc falls back to a parent's docstring (e.g. relay.Node's); only the class's own.
    doc = cls.__dict__.get("__doc__")
    # dataclasses write "Name(field: type, ...)" where a class has no docstring: not prose.
    if not doc or doc.startswith(f"{cls.__name__}("):
        return None
    return inspect.cleandoc(doc)


def attribute_docs(cls: type) -> dict[str, str]:
    """The string literal under each attribute of the class body, by attribute name."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # built in, or made by a function call: no source to read
        return {}
    body = ast.parse(source).body
    if not body or not isinstance(body[0], ast.ClassDef):
        return {}
    docs: dict[str, str] = {}
    statements = body[0].body
    for statement, following in zip(statements, statements[1:], strict=False):
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name = statement.target.id
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            name = statement.targets[0].id
        else:
            continue
        if (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[name] = inspect.cleandoc(following.value.value)
    return docs


def describe_root(root: type, text: str) -> None:
    root.__strawberry_definition__.description = text  # type: ignore[attr-defined]


def _class_docs(cls: type) -> dict[str, str]:
    """Attribute docstrings of the class and of the classes it inherits fields from."""
    docs: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if base.__module__.startswith(_PACKAGES) or base is cls:
            docs.update(attribute_docs(base))
    return docs


def _describe_enum(cls: type, definition) -> None:
    docs = attribute_docs(cls)
    for value in definition.values:
        if not value.description:
            value.description = docs.get(value.name)


def apply() -> None:
    """Fill missing descriptions of types, fields and enum values from docstrings (idempotent)."""
    for cls in _strawberry_classes():
        definition = cls.__strawberry_definition__
        if not definition.description:
            definition.description = _own_doc(cls)
        payload = cls.__name__.endswith("Payload")
        if not definition.description and payload:
            definition.description = PAYLOAD
        if hasattr(definition, "values"):
            _describe_enum(cls, definition)
            continue
        docs = _class_docs(cls)
        for field in getattr(definition, "fields", None) or []:
            if field.description:
                continue
            resolver = field.base_resolver
            if resolver is not None:
                field.description = inspect.getdoc(resolver.wrapped_func)
            else:
                field.description = docs.get(field.python_name)
            if not field.description and field.python_name == "id":
                field.description = ID
            if not field.description and payload:
                field.description = _payload_field(field)


def _payload_field(field) -> str | None:
    if field.python_name == "errors":
        return PAYLOAD_ERRORS
    kind = getattr(field.type, "of_type", field.type)  # Optional[X] -> X
    return PAYLOAD_RESULT if hasattr(kind, "__strawberry_definition__") else None
