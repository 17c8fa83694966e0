"""An nginx configuration for the smoke run, made from the shipped `deploy/nginx.conf`, so the
run checks the locations, headers and websocket upgrade operators install. Only what needs a
certificate or a public port is changed; a site that no longer has the expected shape stops
the run instead of being tested half-changed."""

from __future__ import annotations

import re
from pathlib import Path

SITE = Path(__file__).resolve().parents[1] / "nginx.conf"


class ShapeChanged(Exception):
    """deploy/nginx.conf no longer looks as this generator expects."""


def _sub(pattern: str, replacement: str, text: str, flags: int = 0) -> str:
    changed, count = re.subn(pattern, replacement, text, flags=flags)
    if count == 0:
        raise ShapeChanged(f"deploy/nginx.conf: nothing matches {pattern!r}")
    return changed


def site(template: str, listen: int, upstreams: list[int]) -> str:
    """The site on 127.0.0.1:`listen`, plain HTTP, in front of the given local ports."""
    servers = "".join(f"server 127.0.0.1:{port};\n    " for port in upstreams).rstrip()
    text = _sub(r"server 127\.0\.0\.1:8000;", servers, template)
    # The redirect to HTTPS on port 80.
    text = _sub(r"\nserver \{\n\s+listen 80;.*?\n\}\n", "\n", text, flags=re.DOTALL)
    text = _sub(r"listen 443 ssl;", f"listen 127.0.0.1:{listen};", text)
    for line in (r"listen \[::\]:443 ssl;", r"http2 on;", r"ssl_\w+ [^;]+;", r"add_header Strict-"):
        text = _sub(rf"\n[ \t]*{line}[^\n]*", "", text)
    return text


def main_config(prefix: Path, site_text: str, run_as_root: bool) -> str:
    """A whole nginx.conf that keeps its pid, logs and temporary files under `prefix`.
    The access log names the upstream that answered, so the run can see both web processes."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix}/temp/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""# Generated for the smoke run from deploy/nginx.conf.
{"user root;" if run_as_root else ""}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{
    worker_connections 256;
}}

http {{
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {prefix}/access.log upstream;
{temp}

{site_text}
}}
"""


def write(prefix: Path, listen: int, upstreams: list[int], run_as_root: bool) -> Path:
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    text = site(SITE.read_text(encoding="utf-8"), listen, upstreams)
    path = prefix / "nginx.conf"
    path.write_text(main_config(prefix, text, run_as_root), encoding="utf-8")
    return path
