"""The committed SDL and the declared permissions of the live schema."""

from pathlib import Path

from strawberry.permission import PermissionExtension
from strawberry.types.base import StrawberryObjectDefinition

from dinghuo.api import build_schema
from tests.conftest import graphql_types, make_settings

ROOT = Path(__file__).resolve().parents[2]


def test_committed_sdl_matches_the_live_schema():
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == build_schema(make_settings()).as_str() + "\n", (
        "schema.graphql is out of date: run `dinghuo export-schema`"
    )


def test_every_root_field_declares_who_may_use_it():
    schema = build_schema(make_settings())
    undeclared = []
    for root in ("Query", "Mutation"):
        definition = schema.get_type_by_name(root)
        assert isinstance(definition, StrawberryObjectDefinition)
        for field in definition.fields:
            if not any(isinstance(e, PermissionExtension) for e in field.extensions):
                undeclared.append(f"{root}.{field.python_name}")
    assert undeclared == []


def test_every_root_field_and_every_type_is_described():
    from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType

    schema = graphql_types()
    named = (GraphQLObjectType, GraphQLInputObjectType, GraphQLEnumType)
    undescribed = [
        name
        for name, kind in schema.type_map.items()
        if isinstance(kind, named) and not name.startswith("__") and not kind.description
    ]
    for root in (schema.query_type, schema.mutation_type, schema.subscription_type):
        assert root is not None
        undescribed += [f"{root.name}.{n}" for n, fld in root.fields.items() if not fld.description]

    assert undescribed == []


def test_every_output_field_and_every_enum_value_is_described():
    from graphql import GraphQLEnumType, GraphQLInterfaceType, GraphQLObjectType

    schema = graphql_types()
    undescribed = []
    for name, kind in schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(kind, (GraphQLObjectType, GraphQLInterfaceType)):
            undescribed += [f"{name}.{n}" for n, fld in kind.fields.items() if not fld.description]
        if isinstance(kind, GraphQLEnumType):
            undescribed += [f"{name}.{v}" for v, val in kind.values.items() if not val.description]

    assert undescribed == []


def test_every_input_field_and_every_argument_is_described():
    from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

    schema = graphql_types()
    undescribed = []
    for name, kind in schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(kind, GraphQLInputObjectType):
            undescribed += [f"{name}.{n}" for n, fld in kind.fields.items() if not fld.description]
        if isinstance(kind, (GraphQLObjectType, GraphQLInterfaceType)):
            for field_name, field in kind.fields.items():
                undescribed += [
                    f"{name}.{field_name}({a})"
                    for a, arg in field.args.items()
                    if not arg.description
                ]

    assert undescribed == []


def test_every_mutation_takes_one_input_argument():
    schema = graphql_types()
    assert schema.mutation_type is not None
    shapes = {name: list(field.args) for name, field in schema.mutation_type.fields.items()}

    assert {name: args for name, args in shapes.items() if args != ["input"]} == {}
