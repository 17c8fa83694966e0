"""GraphQL over HTTP: media type negotiation, status codes, and JSON errors with a code for
requests that never reach GraphQL (malformed JSON, a body that is not an object, a wrong
content type). Follows the GraphQL-over-HTTP spec's application/graphql-response+json."""

from __future__ import annotations

import dataclasses
import json
import logging

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.schema.exceptions import InvalidOperationTypeError

from dinghuo import graphiql, http_cache, json_answer
from dinghuo.graphql_errors import coded_after_the_fact
from dinghuo.middleware import BodyTooLarge
from dinghuo.observability import request_id_var
from dinghuo.persisted import PersistedDocuments, Refused
from domain.shared.errors import ErrorCode
from domain.shared.messages import message, normalize_language
from resolvers.core.context import Context, build_context, sign_in_websocket
from resolvers.pricing.price_cache import PriceCache

log = logging.getLogger("dinghuo.graphql")

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
_STATUS_CODES = {
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    406: ErrorCode.NOT_ACCEPTABLE,
    415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
}


def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header; None when we can offer neither."""
    if not accept or not accept.strip():
        return JSON
    best, best_q = None, 0.0
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if media == GRAPHQL_RESPONSE:
            offer = GRAPHQL_RESPONSE
        elif media in (JSON, "application/*", "*/*"):
            # Plain JSON for wildcards: older clients read only that.
            offer = JSON
        else:
            continue
        if q > best_q or (q == best_q and offer == GRAPHQL_RESPONSE and q > 0):
            best, best_q = offer, q
    return best


def _never_executed(result) -> bool:
    # Parse, validation and variable errors carry no path: no field ever ran.
    return result.data is None and bool(result.errors) and all(not e.path for e in result.errors)


class DinghuoGraphQL(GraphQL[Context, None]):
    def __init__(self, schema, settings, policies, broker, persisted: PersistedDocuments) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            # Queries only: a mutation over GET is refused with 405 (execute_single).
            allow_queries_via_get=True,
            allowed_origins=settings.cors_origin_list(),
        )
        self.settings = settings
        self.policies = policies
        self.broker = broker
        self.persisted = persisted
        self.price_cache = PriceCache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await super().__call__(scope, receive, send)
        request = Request(scope=scope, receive=receive)
        accept = request.headers.get("accept")
        media = negotiate(accept)
        request.state.media = media or JSON
        if media is None and not (request.method == "GET" and "text/html" in (accept or "")):
            response = self._refusal(request, 406, "")
        else:
            try:
                response = await self.run(request)
                cacheable = getattr(request.state, "cacheable", False)
                max_age = self.settings.persisted_documents_max_age_seconds
                response = http_cache.apply(request, response, cacheable, max_age)
            except HTTPException as exc:
                response = self._refusal(request, exc.status_code, exc.reason)
            except Refused as exc:
                status = 400 if request.state.media == GRAPHQL_RESPONSE else exc.status
                response = self._refusal(request, status, "", exc.code)
            except BodyTooLarge:
                raise  # the size limit middleware answers 413
            except Exception:
                # Still JSON with a code, so a client reads every answer one way.
                log.exception("unexpected error outside GraphQL execution")
                response = self._refusal(request, 500, "")
        await response(scope, receive, send)

    def _refusal(
        self, request: Request, status: int, detail: str, code: ErrorCode | None = None
    ) -> Response:
        code = code or _STATUS_CODES.get(status, ErrorCode.BAD_REQUEST)
        language = normalize_language(
            request.headers.get("accept-language"), self.settings.default_language
        )
        request_id = request_id_var.get()
        extensions = {"code": code.value}
        if status >= 500:
            code, extensions = ErrorCode.INTERNAL_ERROR, {"code": "INTERNAL_ERROR"}
            extensions["requestId"] = request_id
        text = message(code.value, language, detail=detail, request_id=request_id)
        body = {"errors": [{"message": text, "extensions": extensions}]}
        headers = {"cache-control": "no-store"}
        if status == 405:
            headers["allow"] = "POST" if request.method == "GET" else "GET, POST"
        return Response(
            json.dumps(body, ensure_ascii=False),
            status,
            headers=headers,
            media_type=request.state.media,
        )

    def encode_json(self, data: object) -> str:
        # Text, never bytes: subscriptions send it as text frames.
        return json_answer.encode(data)

    def decode_json(self, data: str | bytes) -> object:
        try:
            value = json.loads(data)
        except UnicodeDecodeError as exc:
            raise HTTPException(400, "the body is not valid UTF-8") from exc
        except RecursionError as exc:
            # The decoder recurses per nesting level; a deep enough body exhausts the stack.
            raise HTTPException(400, "the JSON is nested too deeply") from exc
        if not isinstance(value, dict):
            raise HTTPException(400, "the body must be a JSON object") from None
        return value

    async def parse_http_body(self, request):
        if request.method == "POST":
            content_type = (request.content_type or "").split(";", 1)[0].strip().lower()
            if content_type != JSON:
                raise HTTPException(415, "send application/json")
        return await super().parse_http_body(request)

    def should_render_graphql_ide(self, request) -> bool:
        # A GET with a persisted document's hash has no `query` either.
        params = request.query_params
        return super().should_render_graphql_ide(request) and "extensions" not in params

    async def execute_single(  # noqa: PLR0917
        self, request, request_adapter, sub_response, context, root_value, request_data
    ):
        lookup = await self.persisted.resolve(
            {"query": request_data.query, "extensions": request_data.extensions}
        )
        if lookup is not None:
            request.state.lookup = lookup
            request_data = dataclasses.replace(request_data, query=lookup.query)
        try:
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as exc:
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, exc.reason) from exc
            raise

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = request.state.media
        request.state.sub_response = sub_response
        return sub_response

    async def process_result(self, request: Request, result) -> GraphQLHTTPResponse:
        data = process_result(result)
        errors = data.get("errors")
        if errors:
            language = normalize_language(
                request.headers.get("accept-language"), self.settings.default_language
            )
            # Formatted errors are dicts; Strawberry types the list loosely.
            data["errors"] = [
                coded_after_the_fact(e, language) if isinstance(e, dict) else e for e in errors
            ]
        lookup = getattr(request.state, "lookup", None)
        if _never_executed(result):
            data.pop("data", None)
            if request.state.media == GRAPHQL_RESPONSE:
                request.state.sub_response.status_code = 400
        elif lookup is not None:
            # Kept only once it parsed and validated: nonsense never fills the store.
            await self.persisted.remember(lookup)
        request.state.cacheable = lookup is not None and not errors
        return data

    def create_response(self, response_data, sub_response: Response) -> Response:
        response = super().create_response(response_data, sub_response)
        # get_sub_response set the negotiated type (JSON when none was asked for).
        response.headers["content-type"] = sub_response.media_type or JSON
        return response

    async def render_graphql_ide(self, request):
        # Strawberry's own page loads its scripts from a public CDN; ours are served here.
        return graphiql.page()

    async def get_context(self, request, response) -> Context:
        return await build_context(
            request,
            response,
            self.settings,
            self.policies,
            request_id_var.get(),
            self.broker,
            self.price_cache,
        )

    async def on_ws_connect(self, context: Context):
        if not await sign_in_websocket(context):
            code = context.auth_error or ErrorCode.UNAUTHENTICATED
            raise ConnectionRejectionError({"code": code.value})
        return await super().on_ws_connect(context)
