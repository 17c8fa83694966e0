"""Limits on what one request may ask for, checked before anything runs.

The validation rules are built once per schema: Strawberry's ValidationCache keys on the
rule objects, so rules made per request would validate every document again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphql import (
    ASTValidationRule,
    ExecutionResult,
    GraphQLError,
    StringValueNode,
    ValidationRule,
)
from graphql.language import Lexer, Source, TokenKind
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension

from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message


class TokenLimit(SchemaExtension):
    """Strawberry's own limiter reports only "No GraphQL document available"; this one
    says what happened, in the caller's language, with a code."""

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def on_parse(self) -> Iterator[None]:
        lexer = Lexer(Source(self.execution_context.query or ""))
        count = 0
        while lexer.advance().kind != TokenKind.EOF:
            count += 1
            if count > self.max_tokens:
                language = getattr(self.execution_context.context, "language", "zh-Hans")
                code = ErrorCode.QUERY_TOO_LARGE.value
                raise GraphQLError(
                    message(code, language, max=self.max_tokens), extensions={"code": code}
                )
        yield


class _CodedContext:
    """Stands in for the validation context of one rule, so that rule's errors carry a
    code (and its parameters) that the error masking turns into a localized message."""

    def __init__(self, context: Any, extensions: dict[str, Any]) -> None:
        self._context = context
        self._extensions = extensions

    def report_error(self, error: GraphQLError) -> None:
        error.extensions = dict(self._extensions)
        self._context.report_error(error)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


def _coded(
    rule: type[ASTValidationRule], code: ErrorCode, **params: Any
) -> type[ASTValidationRule]:
    extensions = {"code": code.value, **params}

    class Coded(rule):
        def __init__(self, context: Any) -> None:
            # The stand-in forwards every other attribute to the real context.
            stand_in: Any = _CodedContext(context, extensions)
            super().__init__(stand_in)

    Coded.__name__ = rule.__name__
    return Coded


# NUL cannot be stored in PostgreSQL text, and a lone surrogate (JSON allows "\ud800") is
# not a character at all: neither can be encoded for the database.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class StorableTextInLiterals(ValidationRule):
    """Refuses text the database cannot store in the document itself."""

    def enter_string_value(self, node: StringValueNode, *_args: Any) -> None:
        if _UNSTORABLE.search(node.value):
            self.report_error(
                GraphQLError(
                    "String literal contains U+0000 or a lone surrogate.",
                    node,
                    extensions={"code": ErrorCode.BAD_USER_INPUT.value},
                )
            )


def validation_rules(max_depth: int, max_aliases: int) -> list[type[ASTValidationRule]]:
    depth = QueryDepthLimiter(max_depth=max_depth).validation_rules
    aliases = MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules
    return [
        *(_coded(r, ErrorCode.QUERY_TOO_DEEP, max=max_depth) for r in depth),
        *(_coded(r, ErrorCode.TOO_MANY_ALIASES, max=max_aliases) for r in aliases),
        StorableTextInLiterals,
    ]


def _find_nul(value: Any, path: str) -> str | None:
    if isinstance(value, str):
        return path if _UNSTORABLE.search(value) else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _find_nul(item, f"{path}.{key}" if path else str(key))
        if found:
            return found
    return None


class StorableTextInVariables(SchemaExtension):
    """Variables are checked before execution, so no resolver ever sees a NUL."""

    def on_execute(self) -> Iterator[None]:
        field = _find_nul(self.execution_context.variables or {}, "")
        if field:
            # A result set here means Strawberry skips execution; raising instead would
            # bypass the error masking.
            refusal = DomainError(
                ErrorCode.BAD_USER_INPUT, field, detail=f"{field}: U+0000 or a lone surrogate"
            )
            self.execution_context.result = ExecutionResult(
                data=None, errors=[GraphQLError(str(refusal), original_error=refusal)]
            )
        yield
