"""Order notifications go into the outbox with the change itself, so none is lost if the
process dies before they are sent."""

from __future__ import annotations

from dataclasses import dataclass

from db.accounts import Company, User
from db.orders import Order
from domain.shared import outbox
from domain.shared.messages import MESSAGES, message
from domain.shared.sql_params import Params

# Status changes a buyer is told about by mail.
NOTIFY = {"pending_review", "confirmed", "rejected", "cancelled", "shipped", "delivered"}


@dataclass
class Recipient:
    email: str
    language: str


async def recipient(order: Order, status: str) -> Recipient | None:
    """Who hears about the order reaching `status` (None: nobody). Split from `send` so that
    placement looks it up before it takes the order number."""
    if status not in NOTIFY:
        return None
    user = await User.get_or_none(id=order.placed_by_id)
    if user is None:
        return None
    if order.placed_by_staff:
        # Placed for the company by staff (代客下单): the company hears about it.
        company = await Company.get(id=order.company_id)
        return Recipient(company.email, "zh-Hans")
    return Recipient(user.email, user.language or "zh-Hans")


async def send(to: Recipient | None, order: Order, status: str) -> None:
    """Call inside the transaction that changes the order."""
    if to is None:
        return
    await outbox.enqueue(
        "order_update",
        to.email,
        to.language,
        number=order.number,
        status=message(f"order.status.{status}", to.language),
    )


async def order_changed(order: Order, status: str) -> None:
    """Call inside the transaction that changes the order."""
    await send(await recipient(order, status), order, status)


@dataclass
class Addressee:
    """Who hears about a placement, known without reading the user: the placer's row gives
    the address and language, or the company's address when staff placed it (代客下单)."""

    user_id: int
    company_email: str | None = None


def addressee(order: Order, status: str, company: Company) -> Addressee | None:
    if status not in NOTIFY:
        return None
    return Addressee(order.placed_by_id, company.email if order.placed_by_staff else None)


async def resolve(to: Addressee | None) -> Recipient | None:
    if to is None:
        return None
    user = await User.get_or_none(id=to.user_id)
    if user is None:
        return None
    if to.company_email is not None:
        return Recipient(to.company_email, "zh-Hans")
    return Recipient(user.email, user.language or "zh-Hans")


# Stands for the order number in texts rendered before the number exists.
_NUMBER = "\x1fnumber\x1f"


def insert_sql(to: Addressee, status: str, p: Params, now: str) -> str:
    """A CTE (PostgreSQL) named `notice` writing the `order_update` mail with the number of
    the CTE `taken`, as `send` would: the texts are rendered here for every language with a
    mark where the number goes, and the statement picks the recipient's language."""
    languages = list(MESSAGES["mail.order_update.subject"])

    def pick(part: str) -> str:
        whens = " ".join(
            f"WHEN {p(lang)} THEN {p(_text(part, lang, status))}" for lang in languages
        )
        default = p(_text(part, "zh-Hans", status))
        return f"replace(CASE language {whens} ELSE {default} END, {p(_NUMBER)}, taken.number)"

    if to.company_email is not None:
        recipient, language = p(to.company_email), p("zh-Hans")
    else:
        recipient, language = "u.email", "coalesce(nullif(u.language, ''), 'zh-Hans')"
    return (
        "notice AS (INSERT INTO outbox_message (kind, recipient, language, subject, body,"
        " created_at, attempts, last_error)"
        f" SELECT 'order_update', recipient, language, {pick('subject')}, {pick('body')},"
        f" {now}, 0, '' FROM taken, (SELECT {recipient} AS recipient, {language} AS language"
        f" FROM user_account u WHERE u.id = {p(to.user_id)}::int) AS who)"
    )


def _text(part: str, language: str, status: str) -> str:
    status_text = message(f"order.status.{status}", language)
    return message(f"mail.order_update.{part}", language, number=_NUMBER, status=status_text)
