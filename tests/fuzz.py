"""A schema-driven fuzzer: operations on every root field with random, often malformed,
arguments sent as variables. Deterministic for a seed, so a failure can be replayed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
)
from strawberry.relay import to_base64

TYPE_NAMES = [
    *("Product", "Variant", "Category", "Company", "Order", "User", "Invoice", "Payment"),
    *("Refund", "Shipment", "ReturnRequest", "Ticket", "CompanyAddress", "Invitation"),
    *("Warehouse", "PriceList", "AuditEntry", "OutboxMessage", "Node", "X", ""),
]
NASTY_TEXT = ["", " ", "x" * 300, "a\x00b", "\ud800", "'; DROP TABLE x; --", "订货" * 60, "%_\\"]


@dataclass
class Operation:
    field: str
    query: str
    variables: dict[str, Any]


def _id(rng: random.Random) -> Any:
    return rng.choice(
        [
            "",
            "garbage",
            "!!!",
            "5",
            "-1",
            str(2**40),
            to_base64(rng.choice(TYPE_NAMES), rng.choice([1, 2, 0, -1, 2**31, 2**63, "abc", ""])),
            to_base64(rng.choice(TYPE_NAMES), rng.randint(1, 3)),
            {"an": "object"},
            12,
        ]
    )


SCALARS = {
    "ID": _id,
    "String": lambda r: r.choice([*NASTY_TEXT, "draft", "open", "CONFIRMED", 5, None]),
    "Int": lambda r: r.choice([0, 1, -1, 3, 100, 2**31 - 1, -(2**31), 2**40, 1.5, "ten"]),
    "Float": lambda r: r.choice([0.0, 1.5, -1e308, "x"]),
    "Boolean": lambda r: r.choice([True, False, "yes", 0]),
    "Decimal": lambda r: r.choice(
        ["1", "0.01", "-5", "1e400", "1e30", "twelve", "NaN", 3, "0.001"]
    ),
    "Date": lambda r: r.choice(["2026-06-15", "2026-02-30", "x", "9999-12-31", "0001-01-01"]),
    "DateTime": lambda r: r.choice(["2026-06-15T10:00:00+08:00", "nope", "2026-13-01T00:00:00Z"]),
    "JSON": lambda r: r.choice([{}, [], "x", {"a": [1, {"b": None}]}]),
}


def value_for(rng: random.Random, type_: Any, depth: int = 0) -> Any:
    if isinstance(type_, GraphQLNonNull):
        return value_for(rng, type_.of_type, depth)
    if isinstance(type_, GraphQLList):
        if rng.random() < 0.1:
            return "not a list"
        return [value_for(rng, type_.of_type, depth + 1) for _ in range(rng.randint(0, 3))]
    if isinstance(type_, GraphQLEnumType):
        return rng.choice([*type_.values, "BITCOIN", "", 3])
    if isinstance(type_, GraphQLInputObjectType):
        if depth > 3 or rng.random() < 0.05:
            return rng.choice([None, "x", []])
        return {
            name: value_for(rng, field.type, depth + 1)
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull) or rng.random() < 0.6
        }
    if isinstance(type_, GraphQLScalarType):
        return SCALARS.get(type_.name, lambda r: "x")(rng)
    return None


def _selection(type_: Any, depth: int = 0) -> str:
    named = get_named_type(type_)
    if isinstance(named, GraphQLUnionType | GraphQLInterfaceType):
        return "{ __typename }"
    if not isinstance(named, GraphQLObjectType):
        return ""
    parts = ["__typename"]
    for name, field in named.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        inner = get_named_type(field.type)
        if isinstance(inner, GraphQLScalarType | GraphQLEnumType):
            parts.append(name)
        elif depth < 2:
            parts.append(f"{name} {_selection(field.type, depth + 1)}")
    return "{ " + " ".join(parts) + " }"


def operation(rng: random.Random, kind: str, name: str, field: GraphQLField) -> Operation:
    definitions, arguments, variables = [], [], {}
    for arg_name, arg in field.args.items():
        if not isinstance(arg.type, GraphQLNonNull) and rng.random() < 0.4:
            continue
        definitions.append(f"${arg_name}: {arg.type}")
        arguments.append(f"{arg_name}: ${arg_name}")
        if rng.random() < 0.05:
            continue  # a variable the operation declares and the request leaves out
        variables[arg_name] = value_for(rng, arg.type)
    head = kind + (f"({', '.join(definitions)})" if definitions else "")
    call = name + (f"({', '.join(arguments)})" if arguments else "")
    return Operation(name, f"{head} {{ {call} {_selection(field.type)} }}", variables)


def operations(schema: GraphQLSchema, seed: int, count: int) -> Iterator[Operation]:
    rng = random.Random(seed)
    roots = [("query", schema.query_type), ("mutation", schema.mutation_type)]
    fields = [(kind, name, f) for kind, root in roots if root for name, f in root.fields.items()]
    for n in range(count):
        # Every root field early, then at random: a short run still covers the schema.
        kind, name, field = fields[n] if n < len(fields) else rng.choice(fields)
        yield operation(rng, kind, name, field)
