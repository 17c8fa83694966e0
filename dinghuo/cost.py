"""A cost limit computed from the document before anything executes.

Each field costs 1 for every time it will be resolved; a page (`first: N`, or the default page
of a connection) multiplies what is below it by N, and a plain list by LIST_GUESS. A request
over the budget is refused with QUERY_TOO_COMPLEX and its computed cost, so one anonymous
request of thirty aliased deep product pages cannot occupy the server for seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
)
from strawberry.extensions import SchemaExtension

from domain.shared.errors import DomainError, ErrorCode

DEFAULT_PAGE = 20  # what a connection answers without `first`
LIST_GUESS = 10  # a plain list's expected length (variants of a product, lines of an order)


def _page(field: FieldNode, variables: dict[str, Any]) -> int | None:
    for argument in field.arguments or []:
        if argument.name.value != "first":
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            # Not yet coerced: a value that is no GraphQL Int is refused later as bad input.
            if isinstance(given, int) and not isinstance(given, bool) and 0 <= given < 2**31:
                return given
    return None


class _Counter:
    def __init__(self, schema: GraphQLSchema, fragments: dict, variables: dict) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def selections(
        self, node: SelectionSetNode | None, parent: Any, times: int, edges: int = 0
    ) -> int:
        """`edges`: inside a connection, the page size its `edges` list has."""
        total = 0
        for selection in node.selections if node else []:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, times, edges)
            elif isinstance(selection, InlineFragmentNode):
                kind = selection.type_condition
                inner = self.schema.get_type(kind.name.value) if kind else parent
                total += self.selections(selection.selection_set, inner, times, edges)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    inner = self.schema.get_type(fragment.type_condition.name.value)
                    total += self.selections(fragment.selection_set, inner, times, edges)
        return total

    def field(self, node: FieldNode, parent: Any, times: int, edges: int) -> int:
        definition = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None:
            return times  # __typename and introspection: one value each
        named: GraphQLNamedType = get_named_type(definition.type)
        page = _page(node, self.variables)
        if named.name.endswith("Connection"):
            # The page multiplies the connection's edges, not its pageInfo or totalCount.
            inner_edges = page if page is not None else DEFAULT_PAGE
            return times + self.selections(node.selection_set, named, times, inner_edges)
        if node.name.value == "edges" and edges:
            page = edges
        elif page is None and isinstance(get_nullable_type(definition.type), GraphQLList):
            page = LIST_GUESS
        below = self.selections(node.selection_set, named, times * max(page or 1, 1))
        return times + below


def cost(schema: GraphQLSchema, document: Any, operation: str | None, variables: dict) -> int:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    counter = _Counter(schema, fragments, variables or {})
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation and definition.name and definition.name.value != operation:
            continue
        root = schema.get_root_type(definition.operation)
        return counter.selections(definition.selection_set, root, 1)
    return 0


class QueryCost(SchemaExtension):
    """Refuses a document whose cost is over the budget before it executes. `types` is the
    schema built from the exported SDL (types and list-ness are all the count needs)."""

    def __init__(self, budget: int, types: list[GraphQLSchema]) -> None:
        self.budget = budget
        self.types = types

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is not None and ctx.result is None:
            spent = cost(
                self.types[0], ctx.graphql_document, ctx.operation_name, ctx.variables or {}
            )
            if spent > self.budget:
                refusal = DomainError(
                    ErrorCode.QUERY_TOO_COMPLEX, None, cost=spent, max=self.budget
                )
                ctx.result = ExecutionResult(
                    data=None, errors=[GraphQLError(str(refusal), original_error=refusal)]
                )
        yield
