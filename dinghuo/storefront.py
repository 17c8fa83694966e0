"""The buyer's storefront (web/, built to web/dist) served at `/` next to the API.

Files of the build are sent as they are; any other path without a file extension is a client
route of the single-page app and gets index.html. Without a build the server still starts, and
`/` says how to make one.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>Dinghuo</title>
<h1>The storefront is not built</h1>
<p>Build it with <code>make web</code>
(or <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>), which <code>make run</code>
does for you. The API is at <a href="/graphql">/graphql</a>.</p>
"""

# Vite puts a content hash in every name under assets/: those never change, index.html does.
IMMUTABLE = "public, max-age=31536000, immutable"


def routes(dist: Path | None = None) -> list[Route]:
    root = (dist or DIST).resolve()

    async def page(request: Request) -> Response:
        index = root / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503)
        path = request.path_params.get("path", "")
        target = (root / path).resolve()
        if path and target.is_relative_to(root) and target.is_file():
            cache = IMMUTABLE if target.parent.name == "assets" else "no-cache"
            return FileResponse(target, headers={"cache-control": cache})
        if "." in path.rsplit("/", 1)[-1]:
            return Response("Not found", status_code=404, media_type="text/plain")
        return FileResponse(index, headers={"cache-control": "no-cache"})

    methods = ["GET", "HEAD"]
    return [Route("/", page, methods=methods), Route("/{path:path}", page, methods=methods)]
