"""Ending a PostgreSQL transaction in the round trip of its last statement.

A row lock taken by the last statement is held until COMMIT; sent on its own, the COMMIT waits
for the client to read the statement's answer and for its event loop to come back to the task,
which under load is most of the hold. Sent together in one simple query (`statement; COMMIT`)
the server commits as soon as the statement is done.

A simple query takes no parameters and returns no rows to asyncpg, so the statement comes with
its values as literals (`sql_params.Literals`) and runs in a PL/pgSQL block that raises its one
result as an INFO message, which asyncpg hands to a log listener before the query returns.
`BEGIN` follows the COMMIT, so the transaction wrapper (Tortoise's, then asyncpg's) still finds
a transaction to commit (an empty one) or to roll back, and keeps its own state. If the
statement or the COMMIT fails, nothing was committed and the error goes up as from any other
statement: the wrapper rolls back (a ROLLBACK after a failed COMMIT is only a warning).
"""

from __future__ import annotations

import asyncpg
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.exceptions import IntegrityError, OperationalError

_TAG = "$commit_with$"
_RESULT = "commit_with_result_"
_MARK = "commit_with: "


def simple_query(sql: str) -> str:
    return (
        f"DO {_TAG} DECLARE {_RESULT} text; BEGIN {sql} INTO STRICT {_RESULT};"
        f" RAISE INFO USING MESSAGE = '{_MARK}' || {_RESULT}; END {_TAG}; COMMIT; BEGIN"
    )


class NotSendable(Exception):
    """The statement cannot go this way; nothing was sent (send it as usual)."""


async def commit_with(tx: TransactionalDBClient, sql: str) -> str | None:
    """Run `sql` (values written as literals; it returns one row of one text column) and
    commit, in one round trip; returns that value, or None if it was not heard (committed
    all the same: read it back). `tx` must be an outermost transaction on PostgreSQL."""
    if _TAG in sql:
        raise NotSendable("the block's quote mark is in the text")
    async with tx.acquire_connection() as connection:
        if connection.get_settings().standard_conforming_strings != "on":
            raise NotSendable("standard_conforming_strings is off")
        results: list[str] = []

        def heard(_connection, message) -> None:
            if message.severity == "INFO" and message.message.startswith(_MARK):
                results.append(message.message.removeprefix(_MARK))

        script = simple_query(sql)
        tx.log.debug(script)
        connection.add_log_listener(heard)
        try:
            await connection.execute(script)
        except asyncpg.IntegrityConstraintViolationError as exc:
            raise IntegrityError(exc) from exc
        except (asyncpg.SyntaxOrAccessError, asyncpg.exceptions.DataError) as exc:
            raise OperationalError(exc) from exc
        finally:
            connection.remove_log_listener(heard)
    return results[0] if len(results) == 1 else None
