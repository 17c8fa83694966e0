"""Every closed set the domain writes is an enum of the schema, member for member: a value the
domain can produce but the enum lacks would fail the whole field for the client."""

from itertools import product
from typing import get_args

import pytest

from dinghuo.settings import Settings
from domain.after_sales import returns, tickets
from domain.billing.settlement import Figures
from domain.catalog.products import UNITS
from domain.fulfilment import ship
from domain.ordering import feed, states
from domain.ordering.modify import STAFF_PRICE
from domain.ordering.place import PAYMENT_METHODS
from domain.payments import states as payment_states
from domain.pricing import prices
from domain.shared import outbox
from domain.shared.messages import LANGUAGES, MESSAGES
from schema.after_sales.enums import (
    ReturnReason,
    ReturnStatus,
    TicketAction,
    TicketCategory,
    TicketStatus,
)
from schema.catalog.enums import UnitCode
from schema.fulfilment.enums import TrackingStatus
from schema.operations.enums import MailKind
from schema.ordering.enums import (
    LinePriceSource,
    OrderEventKind,
    OrderPaymentStatus,
    OrderStatus,
    OrderUpdateKind,
    PaymentMethod,
)
from schema.payments.enums import PaymentStatus
from schema.shared.enums import CurrencyCode, LanguageCode


def values(enum) -> set[str]:
    return {member.value for member in enum}


def test_every_kind_an_order_update_can_have_is_a_member_and_no_other():
    assert values(OrderUpdateKind) == set(feed.KINDS)


def test_the_kinds_fulfilment_and_payments_publish_are_order_update_kinds():
    published = {"shipped", "tracking", "delivered", "close_backorder", "refund"}
    published |= {
        f"payment_{s}" for s in payment_states.PaymentStatus if s != payment_states.PENDING
    }
    published |= {*payment_states.ORDER_ACTION_FOR.values(), "write_off", "payment_flagged"}
    assert published <= values(OrderUpdateKind)


async def test_publishing_a_kind_outside_the_enum_is_refused():
    with pytest.raises(ValueError, match="unknown order update kind"):
        await feed.publish(None, 1, 1, "reject")


def test_timeline_kinds_are_the_machine_events_plus_settlement_and_replacement():
    assert values(OrderEventKind) == {*states.EVENT_KINDS, "payment_status", "replacement"}


def test_order_statuses_are_the_machine_statuses():
    assert values(OrderStatus) == set(states.STATUSES)
    assert {to for to in states.TRANSITIONS.values()} <= values(OrderStatus)


def test_every_payment_status_settlement_can_derive_is_a_member():
    derived = {
        Figures(total, received, refunded, 0, invoiced=True, order_total=100).payment_status
        for total, received, refunded in product((0, 100), (0, 50, 100), (0, 50, 100))
        if refunded <= received
    }
    assert derived == values(OrderPaymentStatus)


def test_payment_statuses_methods_languages_and_currencies_match_the_domain():
    assert values(PaymentStatus) == values(payment_states.PaymentStatus)
    assert values(PaymentMethod) == set(PAYMENT_METHODS)
    assert values(LanguageCode) == set(LANGUAGES)
    currency = Settings.model_fields["default_currency"].annotation
    assert values(CurrencyCode) == set(get_args(currency))


def test_return_and_ticket_sets_match_their_transition_tables():
    assert values(ReturnReason) == set(returns.REASONS)
    assert values(ReturnStatus) == values(returns.ReturnStatus)
    assert values(TicketCategory) == set(tickets.CATEGORIES)
    assert values(TicketStatus) == values(tickets.TicketStatus)


def test_ticket_actions_are_the_moves_a_caller_may_ask_and_in_the_machine():
    assert values(TicketAction) == set(tickets.STATUS_ACTIONS)
    assert set(tickets.STATUS_ACTIONS) <= set(tickets.MACHINE.actions)


def test_tracking_statuses_are_those_staff_may_report():
    assert values(TrackingStatus) == set(ship.STAFF_STATUSES)


def test_a_line_price_comes_from_a_price_list_staff_or_a_replacement():
    listed = {prices.CONTRACT, prices.TIER, prices.BASE}
    assert values(LinePriceSource) == {*listed, STAFF_PRICE, "REPLACE"}


def test_units_are_the_catalog_units():
    assert values(UnitCode) == set(UNITS)


def test_mail_kinds_are_the_outbox_kinds_and_each_has_its_texts():
    assert values(MailKind) == set(outbox.KINDS)
    for kind in outbox.KINDS:
        assert {f"mail.{kind}.subject", f"mail.{kind}.body"} <= MESSAGES.keys()


async def test_queueing_a_mail_kind_outside_the_enum_is_refused():
    with pytest.raises(ValueError, match="unknown mail kind"):
        await outbox.enqueue("newsletter", "a@example.com", "en")
