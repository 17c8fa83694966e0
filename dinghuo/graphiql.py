"""GraphiQL served from this server alone: the page and its scripts, no third-party host.

The assets are vendored gzipped under dinghuo/static/graphiql/ (see vendor.sh there and
docs/decisions.md) and sent as they are to browsers that accept gzip, which all do.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

FOLDER = Path(__file__).parent / "static" / "graphiql"
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@cache
def page_html() -> str:
    return (FOLDER / "index.html").read_text(encoding="utf-8")


def page() -> HTMLResponse:
    return HTMLResponse(page_html())


@cache
def _compressed(name: str) -> bytes | None:
    path = FOLDER / f"{name}.gz"
    # Only the vendored files by their plain names: nothing outside the folder.
    if "/" in name or not path.is_file():
        return None
    return path.read_bytes()


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    body = _compressed(name)
    media_type = MEDIA_TYPES.get(Path(name).suffix)
    if body is None or media_type is None:
        return Response(status_code=404)
    # File names carry the version, so a browser may keep them for good.
    headers = {"cache-control": "public, max-age=31536000, immutable", "vary": "accept-encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["content-encoding"] = "gzip"
        return Response(body, media_type=media_type, headers=headers)
    return Response(gzip.decompress(body), media_type=media_type, headers=headers)


def routes() -> list[Route]:
    return [Route("/static/graphiql/{name}", asset, methods=["GET"])]
