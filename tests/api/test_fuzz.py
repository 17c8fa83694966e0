"""Random and malformed arguments on every root field, anonymous and as an admin: never a
5xx, never INTERNAL_ERROR, never an error without a code, never a traceback in the log.

The suite runs a short deterministic pass; `make fuzz` runs a long one with a new seed
(FUZZ_SEED and FUZZ_EXAMPLES replay or lengthen it)."""

import json
import logging
import os

import pytest

from tests import factories as f
from tests.conftest import graphql_types
from tests.fuzz import operations

SEED = int(os.environ.get("FUZZ_SEED", "20261128"))
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "120"))


@pytest.mark.parametrize("who", ["anonymous", "admin"])
async def test_fuzzed_operations_never_crash_the_server(client, settings, policy, caplog, who):
    token = await f.login(client, await f.staff(policy)) if who == "admin" else None
    company = await f.company()
    await f.buyer(policy, company)
    await f.variant(await f.product())
    schema = graphql_types(settings)
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    caplog.set_level(logging.ERROR, logger="dinghuo")
    problems = []

    for op in operations(schema, SEED + (who == "admin"), EXAMPLES):
        # ensure_ascii keeps lone surrogates sendable; the server must cope with them.
        body = json.dumps({"query": op.query, "variables": op.variables}).encode()
        response = await client.post("/graphql", content=body, headers=headers)
        errors = response.json().get("errors") or [] if response.status_code < 500 else []
        codes = [(e.get("extensions") or {}).get("code") for e in errors]
        if response.status_code >= 500 or None in codes or "INTERNAL_ERROR" in codes:
            problems.append((op.field, response.status_code, codes, op.query, op.variables))

    tracebacks = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert problems == [], problems[:5]
    assert tracebacks == []
