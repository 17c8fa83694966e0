"""The one statement behind every signed-in request: the user, their company, whether the
login is still live, and the pricing version (domain.pricing.versions).

Written as SQL once per dialect rather than built by the ORM on every request: building the
query cost about as much CPU as the rest of sign-in. The rows become ordinary models (the
ORM's own `_init_from_db`), so callers see what `User.get(...)` would give."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from tortoise import Tortoise

from db.accounts import Company, RefreshToken, User
from domain.pricing.versions import KEY as PRICING_KEY


@cache
def _sql(postgres: bool) -> str:
    def p(n: int) -> str:
        return f"${n}" if postgres else "?"

    users = ", ".join(f'u."{c}" AS "u_{c}"' for c in User._meta.db_fields)
    companies = ", ".join(f'c."{c}" AS "c_{c}"' for c in Company._meta.db_fields)
    return (
        f"SELECT {users}, {companies},"
        f' (SELECT d.last_number FROM document_counter d WHERE d."key" = {p(1)})'
        ' AS "pricing_version"'
        " FROM user_account u LEFT JOIN company c ON c.id = u.company_id"
        f" WHERE u.id = {p(2)} AND EXISTS (SELECT 1 FROM refresh_token r"
        f" WHERE r.user_id = u.id AND r.family = {p(3)} AND r.revoked_at IS NULL"
        f" AND r.expires_at > {p(4)})"
    )


def _model(model, row: dict, prefix: str):
    return model._init_from_db(**{c: row[prefix + c] for c in model._meta.db_fields})


async def live_user(user_id: int, session: str, at: datetime) -> User | None:
    """The user, with `company` loaded and `pricing_version` set, while the login family
    `session` has an unrevoked refresh token that has not expired at `at`; else None."""
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    expires = RefreshToken._meta.fields_map["expires_at"].to_db_value(at, RefreshToken)
    rows = await connection.execute_query_dict(
        _sql(postgres), [PRICING_KEY, user_id, session, expires]
    )
    if not rows:
        return None
    row = rows[0]
    user = _model(User, row, "u_")
    company = _model(Company, row, "c_") if row["c_id"] is not None else None
    object.__setattr__(user, "_company", company)  # as select_related("company") does
    object.__setattr__(user, "pricing_version", row["pricing_version"])
    return user
