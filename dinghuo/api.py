"""Schema assembly: root types merged from the resolver modules, protective extensions."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterator

import strawberry
from graphql import FieldNode, GraphQLSchema, OperationDefinitionNode
from graphql import build_schema as graphql_build_schema
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.tools import merge_types

from dinghuo import descriptions, metrics, plain_resolvers
from dinghuo.cost import QueryCost
from dinghuo.graphql_errors import ErrorMasking
from dinghuo.limits import StorableTextInVariables, TokenLimit, validation_rules
from dinghuo.observability import sql_count
from dinghuo.settings import Settings
from resolvers.accounts.addresses import AddressMutation
from resolvers.accounts.audit import AuditQuery
from resolvers.accounts.companies import CompanyMutation, CompanyQuery
from resolvers.accounts.members import MemberMutation, MemberQuery
from resolvers.accounts.profile import ProfileMutation
from resolvers.accounts.sessions import SessionMutation
from resolvers.after_sales.returns_tickets import AfterSalesMutation, AfterSalesQuery
from resolvers.billing.invoices import InvoiceQuery
from resolvers.catalog.csv import CatalogCsvMutation, CatalogCsvQuery
from resolvers.catalog.mutations import CatalogMutation
from resolvers.catalog.queries import CatalogQuery
from resolvers.fulfilment.shipments import FulfilmentMutation
from resolvers.insight.forecasts import ForecastQuery
from resolvers.insight.movers import MoversQuery
from resolvers.insight.purchases import PurchasesQuery
from resolvers.insight.sales import InsightQuery
from resolvers.inventory.warehouses import InventoryMutation, InventoryQuery
from resolvers.operations.outbox import OutboxMutation, OutboxQuery
from resolvers.ordering.cart import CartMutation, CartQuery
from resolvers.ordering.events import OrderSubscription
from resolvers.ordering.orders import OrderMutation, OrderQuery
from resolvers.payments.payments import BalanceMutation, PaymentMutation, PaymentQuery
from resolvers.pricing.price_lists import PricingMutation, PricingQuery
from schema.shared.errors import CreditLimitError, InputError, InsufficientStockError
from schema.shared.scalars import SCALAR_OVERRIDES

log = logging.getLogger("dinghuo.graphql")

Query = merge_types(
    "Query",
    (
        CompanyQuery,
        CatalogQuery,
        CatalogCsvQuery,
        PricingQuery,
        InventoryQuery,
        CartQuery,
        OrderQuery,
        InvoiceQuery,
        PaymentQuery,
        AfterSalesQuery,
        MemberQuery,
        AuditQuery,
        OutboxQuery,
        InsightQuery,
        ForecastQuery,
        MoversQuery,
        PurchasesQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        CompanyMutation,
        SessionMutation,
        MemberMutation,
        ProfileMutation,
        CatalogMutation,
        CatalogCsvMutation,
        PricingMutation,
        InventoryMutation,
        CartMutation,
        OrderMutation,
        AddressMutation,
        PaymentMutation,
        BalanceMutation,
        FulfilmentMutation,
        AfterSalesMutation,
        OutboxMutation,
    ),
)


descriptions.describe_root(Query, "Everything that can be read: the catalog, carts, orders, money.")
descriptions.describe_root(Mutation, "Every change, each answering a payload with `errors`.")
descriptions.apply()


def _first_root_field(ctx) -> str:
    """The operation's first root field: a label the schema bounds, unlike operation names."""
    document = ctx.graphql_document
    for definition in getattr(document, "definitions", None) or []:
        if isinstance(definition, OperationDefinitionNode):
            for selection in definition.selection_set.selections:
                if isinstance(selection, FieldNode):
                    return selection.name.value
    return "-"


class RequestLog(SchemaExtension):
    """One line per GraphQL operation (name, duration, SQL statements, errors) and its metrics."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        ctx = self.execution_context
        result = ctx.result
        errors = getattr(result, "errors", None) or []
        metrics.observe_operation(
            ctx.operation_type.value if ctx.operation_type else "-",
            _first_root_field(ctx),
            time.perf_counter() - started,
            sql_count(),
            [str((e.extensions or {}).get("code", "-")) for e in errors],
        )
        log.info(
            "graphql",
            extra={
                "fields": {
                    "operation": ctx.operation_name or "-",
                    "type": ctx.operation_type.value if ctx.operation_type else "-",
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "sql": sql_count(),
                    "errors": len(getattr(result, "errors", None) or []),
                }
            },
        )


class DinghuoSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        # ErrorMasking logs the unexpected ones; expected refusals are not noise.
        return None


@functools.cache
def _types_of(sdl: str) -> GraphQLSchema:
    # Apps built in one process share the schema's shape: read the SDL once.
    return graphql_build_schema(sdl)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    # Built once: the validation cache only hits when the rules are the same objects.
    rules = validation_rules(settings.max_query_depth, settings.max_aliases)
    types: list[GraphQLSchema] = []  # filled below, once the schema exists
    extensions = [
        lambda: AddValidationRules(rules),
        lambda: TokenLimit(settings.max_query_tokens),
        RequestLog,
        ErrorMasking,
        StorableTextInVariables,
        lambda: QueryCost(settings.max_query_cost, types),
        # SPAs send the same few documents again and again: parse and validate each once.
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    if settings.tracing:
        from dinghuo.tracing import Tracing

        extensions.append(Tracing)
    schema = DinghuoSchema(
        query=Query,
        mutation=Mutation,
        subscription=OrderSubscription,
        extensions=extensions,
        types=[InputError, InsufficientStockError, CreditLimitError],
        scalar_overrides=SCALAR_OVERRIDES,
    )
    types.append(_types_of(schema.as_str()))
    plain_resolvers.install(schema)
    return schema
