"""The floor of this stack: Strawberry on Starlette serving the storefront query's shape from
memory, with no database, no sign-in and no extensions. `bench/storefront.py` runs it next to
the real server and compares the CPU each spends per request.

    FLOOR_DATA=answer.json .venv/bin/python -m uvicorn bench.floor:app --port 8171

FLOOR_DATA is a JSON answer of the real server to the storefront query (`data.products`); the
floor answers the same values, so both serialize the same number of fields.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL


@strawberry.type
class Money:
    amount: Decimal
    currency: str


@strawberry.type
class Price:
    unit_price: Money


@strawberry.type
class Availability:
    quantity: int | None


@strawberry.type
class Variant:
    id: strawberry.ID
    sku: str
    price: Price | None
    availability: Availability | None


@strawberry.type
class Product:
    id: strawberry.ID
    name: str
    variants: list[Variant]


@strawberry.type
class Edge:
    node: Product


@strawberry.type
class Connection:
    edges: list[Edge]


def _variant(v: dict) -> Variant:
    price = v.get("price")
    stock = v.get("availability")
    return Variant(
        id=v["id"],
        sku=v["sku"],
        price=Price(
            unit_price=Money(
                amount=Decimal(price["unitPrice"]["amount"]),
                currency=price["unitPrice"]["currency"],
            )
        )
        if price
        else None,
        availability=Availability(quantity=stock["quantity"]) if stock else None,
    )


def _load() -> list[Product]:
    path = os.environ.get("FLOOR_DATA")
    if not path:
        return []
    with open(path) as f:
        edges = json.load(f)["edges"]
    return [
        Product(
            id=e["node"]["id"],
            name=e["node"]["name"],
            variants=[_variant(v) for v in e["node"]["variants"]],
        )
        for e in edges
    ]


PRODUCTS = _load()


@strawberry.type
class Query:
    @strawberry.field
    async def products(self, first: int = 20) -> Connection:
        return Connection(edges=[Edge(node=p) for p in PRODUCTS[:first]])


app = Starlette(routes=[Route("/graphql", GraphQL(strawberry.Schema(Query)), methods=["POST"])])
