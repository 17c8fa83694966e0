"""Request ids, SQL statement counting and log formatting (text or JSON lines)."""

from __future__ import annotations

import contextvars
import json
import logging
import os
import sys
import uuid
from datetime import UTC, datetime

from domain.shared import log_context

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# A one-element list so that code running in child tasks adds to the request's own counter.
sql_counter_var: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "sql_counter", default=None
)


def new_request_id(given: str | None = None) -> str:
    if given and len(given) <= 64 and given.replace("-", "").isalnum():
        return given
    return uuid.uuid4().hex[:16]


def start_request(given_id: str | None = None) -> str:
    request_id = new_request_id(given_id)
    request_id_var.set(request_id)
    sql_counter_var.set([0])
    log_context.start()
    return request_id


def sql_count() -> int:
    counter = sql_counter_var.get()
    return counter[0] if counter else 0


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id_var.get(),
            "process": os.getpid(),
            **log_context.fields(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = {**log_context.fields(), **getattr(record, "fields", {})}
        extra = "".join(f" {k}={v}" for k, v in fields.items())
        stamp = datetime.fromtimestamp(record.created, UTC)
        line = (
            f"{stamp:%Y-%m-%dT%H:%M:%S} {record.levelname} {record.name} "
            f"[{request_id_var.get()}] {record.getMessage()}{extra}"
        )
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(fmt: str = "text", level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    install_sql_counter()


def install_sql_counter() -> None:
    """Count the statements Tortoise logs on `tortoise.db_client` for the current request.
    They are counted where Tortoise calls the logger, before logging makes a record: a record
    per statement cost 20-40 µs of CPU. Records are still made for whoever sets the logger to
    DEBUG to read the statements (tests do); otherwise they are not printed."""
    db_log = logging.getLogger("tortoise.db_client")
    if getattr(db_log.debug, "counts_sql", False):
        return
    log_debug = db_log.debug

    def debug(msg: object, *args: object, **kwargs) -> None:
        counter = sql_counter_var.get()
        if counter is not None:
            counter[0] += 1
        log_debug(msg, *args, **kwargs)

    debug.counts_sql = True  # type: ignore[attr-defined]
    db_log.debug = debug  # type: ignore[method-assign]
    db_log.setLevel(logging.INFO)
    db_log.propagate = False
