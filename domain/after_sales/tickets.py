"""Complaints and feedback (投诉与反馈): a threaded conversation between a company's buyers
and the supplier's staff, with internal notes buyers never see.

open -> in_progress (first staff reply) -> resolved -> closed; a buyer may reopen a resolved
or closed ticket within REOPEN_DAYS. First response and resolution times are kept for
reporting."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from tortoise.transactions import in_transaction

from db.accounts import User
from db.after_sales import Ticket, TicketMessage
from db.fulfilment import Shipment
from db.invoices import DocumentCounter
from domain.accounts.permissions import Principal
from domain.ordering.actions import visible_order
from domain.shared import audit, clock, machine, outbox, validation
from domain.shared.counters import next_value
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.machine import Machine


class TicketStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN, IN_PROGRESS, RESOLVED, CLOSED = tuple(TicketStatus)
MACHINE = Machine(
    "ticket",
    TicketStatus,
    {
        (OPEN, "answer"): IN_PROGRESS,  # the first staff reply
        (OPEN, "resolve"): RESOLVED,  # staff only
        (IN_PROGRESS, "resolve"): RESOLVED,
        (RESOLVED, "close"): CLOSED,
        (OPEN, "close"): CLOSED,
        (IN_PROGRESS, "close"): CLOSED,
        (RESOLVED, "reopen"): OPEN,  # within REOPEN_DAYS
        (CLOSED, "reopen"): OPEN,
    },
)
# What a caller may ask of `move`; "answer" happens only through the first staff reply.
STATUS_ACTIONS = ("resolve", "close", "reopen")
CATEGORIES = ("quality", "delivery", "billing", "other")
REOPEN_DAYS = 14


async def visible(actor: Principal, ticket_id: int) -> Ticket:
    ticket = await Ticket.get_or_none(id=ticket_id)
    if ticket is None or not actor.can_see_company(ticket.company_id):
        raise DomainError(ErrorCode.NOT_FOUND, "id")
    return ticket


async def open_ticket(
    actor: Principal,
    category: str,
    subject: str,
    body: str,
    order_id: int | None = None,
    shipment_id: int | None = None,
) -> Ticket:
    if actor.is_staff:
        raise DomainError(ErrorCode.FORBIDDEN, None)
    if category not in CATEGORIES:
        raise DomainError(ErrorCode.INVALID, "category")
    subject = validation.text(subject, "subject", 200)
    body = validation.text(body, "message", 10000)
    if order_id is not None:
        await visible_order(actor, order_id)
    if shipment_id is not None:
        shipment = await Shipment.get_or_none(id=shipment_id)
        if shipment is None:
            raise DomainError(ErrorCode.NOT_FOUND, "shipmentId")
        await visible_order(actor, shipment.order_id)
    async with in_transaction():
        year = clock.today().year
        number = f"TK-{year}-{await next_value(DocumentCounter, 'key', f'TK-{year}'):05d}"
        ticket = await Ticket.create(
            number=number,
            company_id=actor.company_id,
            order_id=order_id,
            shipment_id=shipment_id,
            category=category,
            subject=subject,
            opened_by_id=actor.user_id,
        )
        await TicketMessage.create(
            ticket=ticket, author_id=actor.user_id, author_email=actor.email, body=body
        )
    return ticket


async def reply(actor: Principal, ticket_id: int, body: str, internal: bool = False) -> Ticket:
    ticket = await visible(actor, ticket_id)
    if internal and not actor.is_staff:
        raise DomainError(ErrorCode.FORBIDDEN, "internal")
    body = validation.text(body, "message", 10000)
    async with in_transaction():
        await TicketMessage.create(
            ticket=ticket,
            author_id=actor.user_id,
            author_email=actor.email,
            from_staff=actor.is_staff,
            internal=internal,
            body=body,
        )
        if actor.is_staff and not internal:
            # Conditional updates: the first reply wins, even when two staff answer at once.
            await Ticket.filter(id=ticket.id, first_response_at=None).update(
                first_response_at=clock.now()
            )
            if ticket.status == OPEN:
                await _answer(actor, ticket)
            opener = await User.get_or_none(id=ticket.opened_by_id)
            if opener:
                await outbox.enqueue(
                    "ticket_update",
                    opener.email,
                    opener.language or "zh-Hans",
                    number=ticket.number,
                    subject=ticket.subject,
                )
    return await Ticket.get(id=ticket.id)


async def assign(actor: Principal, ticket_id: int, staff_user_id: int) -> Ticket:
    ticket = await visible(actor, ticket_id)
    if not await User.exists(id=staff_user_id, kind="staff", is_active=True):
        raise DomainError(ErrorCode.INVALID, "assigneeId")
    await Ticket.filter(id=ticket.id).update(assignee_id=staff_user_id)
    return await Ticket.get(id=ticket.id)


async def _answer(actor: Principal, ticket: Ticket) -> None:
    """The first staff reply takes an open ticket in hand; a second at once changes nothing."""
    try:
        await machine.move(MACHINE, Ticket.filter(id=ticket.id), ticket.status, "answer",
                   record=_audit(actor, ticket, "answer"))  # fmt: skip
    except DomainError:
        pass  # another reply moved it first


def _audit(actor: Principal, ticket: Ticket, action: str):
    async def record(before: TicketStatus, to: TicketStatus) -> None:
        await audit.record(
            actor, f"ticket.{action}", ticket, {"status": before.value}, {"status": to.value}
        )

    return record


async def move(actor: Principal, ticket_id: int, action: str) -> Ticket:
    if action not in STATUS_ACTIONS:
        raise DomainError(ErrorCode.INVALID, "action")
    ticket = await visible(actor, ticket_id)
    to = MACHINE.target(ticket.status, action)
    if action == "resolve" and not actor.is_staff:
        raise DomainError(ErrorCode.FORBIDDEN, "id")
    if action == "reopen":
        ended = ticket.closed_at or ticket.resolved_at
        if ended and clock.now() - ended > timedelta(days=REOPEN_DAYS):
            raise DomainError(ErrorCode.REOPEN_PERIOD_OVER, "id")
    changes: dict = {}
    if to == RESOLVED:
        changes["resolved_at"] = clock.now()
    if to == CLOSED:
        changes["closed_at"] = clock.now()
    if to == OPEN:
        changes.update(resolved_at=None, closed_at=None)
    await machine.move(MACHINE, Ticket.filter(id=ticket.id), ticket.status, action, changes=changes,
               record=_audit(actor, ticket, action))  # fmt: skip
    return await Ticket.get(id=ticket.id)
