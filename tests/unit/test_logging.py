import json
import logging

from dinghuo.observability import JsonFormatter, TextFormatter, start_request


def record(msg: str = "graphql", **fields) -> logging.LogRecord:
    rec = logging.LogRecord("dinghuo.graphql", logging.INFO, __file__, 1, msg, None, None)
    rec.fields = fields
    return rec


def test_json_lines_carry_the_request_id_and_fields():
    start_request("req-abc")
    line = JsonFormatter().format(record(operation="Me", sql=2, duration_ms=1.5))
    entry = json.loads(line)
    assert entry["request_id"] == "req-abc"
    assert (entry["operation"], entry["sql"], entry["duration_ms"]) == ("Me", 2, 1.5)
    assert entry["level"] == "INFO"
    assert "\n" not in line


def test_text_lines_carry_the_same_facts():
    start_request("req-def")
    line = TextFormatter().format(record(operation="Me", sql=2))
    assert "[req-def]" in line and "operation=Me" in line and "sql=2" in line


def test_a_suspicious_incoming_request_id_is_replaced():
    assert start_request("ok-id-123") == "ok-id-123"
    replaced = start_request("bad id\nwith newline")
    assert replaced != "bad id\nwith newline" and replaced.isalnum()
