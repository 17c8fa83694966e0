"""A cap on the number of tokens in a query, checked before it is parsed."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError
from graphql.language import Lexer, Source, TokenKind
from strawberry.extensions import SchemaExtension

from domain.shared.errors import ErrorCode
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
