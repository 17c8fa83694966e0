"""Plain resolvers answer what Strawberry's own resolvers answer, and refuse what they cannot do."""

import pytest
import strawberry
from strawberry import relay

from dinghuo import plain_resolvers
from schema.shared.plain import PLAIN_FIELD, preloaded


@strawberry.type
class Thing(relay.Node):
    id: relay.NodeID[int]
    factor: strawberry.Private[int]

    @strawberry.field(metadata=PLAIN_FIELD)
    def times(self, info: strawberry.Info, by_count: int = 2) -> int:
        return self.factor * by_count * info.context["scale"]


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing]:
        return [Thing(id=7, factor=3), Thing(id=8, factor=5)]


QUERY = "{ things { id times a: times(byCount: 10) } }"


def _answer(schema: strawberry.Schema) -> dict | None:
    result = schema.execute_sync(QUERY, context_value={"scale": 1})
    assert result.errors is None, result.errors
    return result.data


def test_plain_fields_answer_as_strawberry_does():
    wrapped = strawberry.Schema(Query)
    plain = strawberry.Schema(Query)

    assert plain_resolvers.install(plain) == 2  # Thing.id and Thing.times
    assert _answer(plain) == _answer(wrapped)
    assert _answer(plain) == {
        "things": [
            {"id": relay.to_base64("Thing", 7), "times": 6, "a": 30},
            {"id": relay.to_base64("Thing", 8), "times": 10, "a": 50},
        ]
    }


def test_an_async_field_cannot_be_plain():
    @strawberry.type
    class Slow:
        @strawberry.field(metadata=PLAIN_FIELD)
        async def value(self) -> int:
            return 1

    @strawberry.type
    class SlowQuery:
        slow: Slow

    with pytest.raises(TypeError, match="cannot be plain"):
        plain_resolvers.install(strawberry.Schema(SlowQuery))


def test_the_installed_resolver_is_the_one_that_runs():
    @strawberry.type
    class Probe:
        @strawberry.field(metadata=PLAIN_FIELD)
        def wrapped(self, info: strawberry.Info) -> bool:
            # Strawberry's wrapper hands its own Info; a plain resolver gets GraphQL's.
            return isinstance(info, strawberry.Info)

    @strawberry.type
    class ProbeQuery:
        @strawberry.field
        def probe(self) -> Probe:
            return Probe()

    schema = strawberry.Schema(ProbeQuery)
    assert schema.execute_sync("{ probe { wrapped } }").data == {"probe": {"wrapped": True}}

    plain_resolvers.install(schema)

    assert schema.execute_sync("{ probe { wrapped } }").data == {"probe": {"wrapped": False}}


def test_a_preloaded_field_answers_the_loaded_value_or_else_runs_its_resolver():
    @strawberry.type
    class Shelf:
        loaded: strawberry.Private[list[int] | None]

        @strawberry.field(metadata=preloaded(lambda shelf: shelf.loaded))
        def items(self, info: strawberry.Info, more: int = 0) -> list[int]:
            # Strawberry's wrapper runs this: its own Info, the arguments converted.
            assert isinstance(info, strawberry.Info)
            return [0, more]

    @strawberry.type
    class ShelfQuery:
        @strawberry.field
        def shelves(self) -> list[Shelf]:
            return [Shelf(loaded=[1, 2]), Shelf(loaded=None)]

    schema = strawberry.Schema(ShelfQuery)
    assert plain_resolvers.install(schema) == 1

    result = schema.execute_sync("{ shelves { items a: items(more: 5) } }")

    assert result.errors is None, result.errors
    # The loaded value wins whatever the arguments: a page loads only for a selection without.
    assert result.data == {
        "shelves": [{"items": [1, 2], "a": [1, 2]}, {"items": [0, 0], "a": [0, 5]}]
    }
