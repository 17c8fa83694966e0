"""Plain resolvers: fields GraphQL resolves without Strawberry's per-call wrapper.

Strawberry wraps every resolver call (an `Info` object, argument conversion, extensions), which
costs about as much as the work of a small leaf; a storefront page has over two hundred such
calls (one `id` per product and variant, one `price` per variant). Two kinds of field are
installed straight into the executable schema instead:

- `id` of every `Node` type that keeps Strawberry's own `resolve_id` and `resolve_typename`:
  the global id is base64 of `<type name>:<NodeID attribute>`, exactly what Strawberry answers.
- fields declared with `metadata=PLAIN`: a synchronous method taking `info` and scalar
  arguments only, with no field extensions or permission classes. It receives GraphQL's info,
  whose `context` is the request's Context like Strawberry's; it must use nothing else of it.
- fields declared with `metadata=preloaded(read)`: the value `read` finds on the object (a
  page's preloaded variants), or else Strawberry's own resolver for the field, unchanged.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry import relay
from strawberry.relay.utils import to_base64
from strawberry.types.base import StrawberryObjectDefinition

from schema.shared.plain import is_plain, preloaded_reader


def _id_resolver(type_name: str, attribute: str):
    def resolve(root: Any, info: Any) -> str:
        return to_base64(type_name, getattr(root, attribute))

    return resolve


def _plain_resolver(function, names: dict[str, str]):
    def resolve(root: Any, info: Any, **arguments: Any) -> Any:
        return function(root, info, **{names[k]: v for k, v in arguments.items()})

    return resolve


def _preloaded_resolver(read, resolve):
    def resolver(root: Any, info: Any, **arguments: Any) -> Any:
        value = read(root)
        return resolve(root, info, **arguments) if value is None else value

    return resolver


def _keeps_default_id(origin: type) -> bool:
    return (
        issubclass(origin, relay.Node)
        and getattr(origin.resolve_id, "__func__", None) is relay.Node.resolve_id.__func__
        and getattr(origin.resolve_typename, "__func__", None)
        is relay.Node.resolve_typename.__func__
    )


def install(schema: strawberry.Schema) -> int:
    """Installs the plain resolvers into the schema; answers how many fields it changed."""
    changed = 0
    converter = schema.config.name_converter
    # The converter's map holds the very GraphQL types the schema executes (nothing sorts or
    # copies them after conversion), so a resolver set here is the one that runs.
    for name, concrete in schema.schema_converter.type_map.items():
        graphql_type, definition = concrete.implementation, concrete.definition
        if not isinstance(graphql_type, GraphQLObjectType) or not isinstance(
            definition, StrawberryObjectDefinition
        ):
            continue
        origin = definition.origin
        if _keeps_default_id(origin) and "id" in graphql_type.fields:
            graphql_type.fields["id"].resolve = _id_resolver(name, origin.resolve_id_attr())
            changed += 1
        for field in definition.fields:
            read = preloaded_reader(field.metadata)
            if read is not None:
                graphql_field = graphql_type.fields[converter.get_graphql_name(field)]
                graphql_field.resolve = _preloaded_resolver(read, graphql_field.resolve)
                changed += 1
                continue
            if not is_plain(field.metadata) or field.base_resolver is None:
                continue
            if field.extensions or field.is_async:  # permission classes are extensions too
                raise TypeError(f"{name}.{field.python_name} cannot be plain")
            names = {converter.get_graphql_name(a): a.python_name for a in field.arguments}
            graphql_field = graphql_type.fields[converter.get_graphql_name(field)]
            graphql_field.resolve = _plain_resolver(field.base_resolver.wrapped_func, names)
            changed += 1
    return changed
