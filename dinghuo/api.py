"""Schema assembly: root types merged from the resolver modules, protective extensions."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.tools import merge_types

from dinghuo import descriptions
from dinghuo.limits import TokenLimit
from dinghuo.observability import request_id_var, sql_count
from dinghuo.settings import Settings
from domain.shared.errors import ErrorCode
from domain.shared.messages import message
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
from resolvers.core.errors import ExpectedError
from resolvers.fulfilment.shipments import FulfilmentMutation
from resolvers.insight.forecasts import ForecastQuery
from resolvers.insight.sales import InsightQuery
from resolvers.inventory.warehouses import InventoryMutation, InventoryQuery
from resolvers.operations.outbox import OutboxMutation, OutboxQuery
from resolvers.ordering.cart import CartMutation, CartQuery
from resolvers.ordering.events import OrderSubscription
from resolvers.ordering.orders import OrderMutation, OrderQuery
from resolvers.payments.payments import BalanceMutation, PaymentMutation
from resolvers.pricing.price_lists import PricingMutation, PricingQuery
from schema.shared.errors import CreditLimitError, InputError, InsufficientStockError

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
        AfterSalesQuery,
        MemberQuery,
        AuditQuery,
        OutboxQuery,
        InsightQuery,
        ForecastQuery,
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


def _is_expected(error: GraphQLError) -> bool:
    # No original error: a syntax, validation or limit error about the request itself.
    return error.original_error is None or isinstance(error.original_error, ExpectedError)


class ErrorMasking(SchemaExtension):
    """Unexpected exceptions are logged once with the request id; the client gets a generic
    localized message and that id, never a traceback."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if not result or not getattr(result, "errors", None):
            return
        context = self.execution_context.context
        language = getattr(context, "language", "zh-Hans")
        request_id = request_id_var.get()
        masked = []
        for error in result.errors:
            if _is_expected(error):
                masked.append(error)
                continue
            log.error("unexpected error in %s", error.path, exc_info=error.original_error)
            masked.append(
                GraphQLError(
                    message(ErrorCode.INTERNAL_ERROR.value, language, request_id=request_id),
                    nodes=error.nodes,
                    path=error.path,
                    extensions={"code": ErrorCode.INTERNAL_ERROR.value, "requestId": request_id},
                )
            )
        result.errors = masked


class RequestLog(SchemaExtension):
    """One line per GraphQL operation: name, duration, SQL statements, errors."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        ctx = self.execution_context
        result = ctx.result
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


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    extensions = [
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: TokenLimit(settings.max_query_tokens),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        RequestLog,
        ErrorMasking,
        # SPAs send the same few documents again and again: parse and validate each once.
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    return DinghuoSchema(
        query=Query,
        mutation=Mutation,
        subscription=OrderSubscription,
        extensions=extensions,
        types=[InputError, InsufficientStockError, CreditLimitError],
    )
