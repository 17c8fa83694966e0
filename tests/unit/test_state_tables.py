"""Every status's transition table, written out by hand: each (state, action) pair is either
allowed, to the state listed here, or refused with INVALID_STATE."""

from itertools import product

import pytest

from domain.accounts import companies
from domain.after_sales import returns, tickets
from domain.billing import invoices
from domain.catalog import products
from domain.fulfilment import ship
from domain.payments import states as payments
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.machine import Machine

TABLES: dict[str, tuple[Machine, dict[tuple[str, str], str]]] = {
    "product": (products.MACHINE, {
        ("draft", "publish"): "published",
        ("archived", "publish"): "published",
        ("draft", "archive"): "archived",
        ("published", "archive"): "archived",
    }),
    "company": (companies.MACHINE, {
        ("pending", "approve"): "active",
        ("pending", "reject"): "rejected",
        ("active", "suspend"): "suspended",
        ("suspended", "reactivate"): "active",
    }),
    "ticket": (tickets.MACHINE, {
        ("open", "answer"): "in_progress",
        ("open", "resolve"): "resolved",
        ("in_progress", "resolve"): "resolved",
        ("open", "close"): "closed",
        ("in_progress", "close"): "closed",
        ("resolved", "close"): "closed",
        ("resolved", "reopen"): "open",
        ("closed", "reopen"): "open",
    }),
    "return": (returns.MACHINE, {
        ("requested", "approve"): "approved",
        ("requested", "reject"): "rejected",
        ("approved", "receive"): "received",
        ("received", "claim"): "resolving",
        ("resolving", "release"): "received",
        ("resolving", "resolve"): "resolved",
    }),
    "shipment": (ship.MACHINE, {
        ("shipped", "flag_exception"): "exception",
        ("shipped", "deliver"): "delivered",
        ("exception", "deliver"): "delivered",
    }),
    "invoice": (invoices.MACHINE, {
        ("open", "pay"): "paid",
        ("paid", "reopen"): "open",
        ("open", "void"): "void",
        ("paid", "void"): "void",
    }),
    "payment": (payments.MACHINE, {
        ("pending", "process"): "processing",
        ("pending", "succeed"): "succeeded",
        ("pending", "fail"): "failed",
        ("pending", "cancel"): "canceled",
        ("processing", "succeed"): "succeeded",
        ("processing", "fail"): "failed",
        ("processing", "cancel"): "canceled",
        ("failed", "process"): "processing",
        ("failed", "succeed"): "succeeded",
        ("failed", "cancel"): "canceled",
    }),
    "order_payment": (payments.ORDER_MACHINE, {
        ("unpaid", "owe_part"): "partially_paid",
        ("unpaid", "pay_all"): "paid",
        ("unpaid", "refund_part"): "partially_refunded",
        ("unpaid", "refund_all"): "refunded",
        ("partially_paid", "owe_all"): "unpaid",
        ("partially_paid", "pay_all"): "paid",
        ("partially_paid", "refund_part"): "partially_refunded",
        ("partially_paid", "refund_all"): "refunded",
        ("paid", "owe_all"): "unpaid",
        ("paid", "owe_part"): "partially_paid",
        ("paid", "refund_part"): "partially_refunded",
        ("paid", "refund_all"): "refunded",
        ("partially_refunded", "owe_all"): "unpaid",
        ("partially_refunded", "owe_part"): "partially_paid",
        ("partially_refunded", "refund_all"): "refunded",
        ("refunded", "owe_all"): "unpaid",
        ("refunded", "owe_part"): "partially_paid",
        ("refunded", "refund_part"): "partially_refunded",
    }),
}  # fmt: skip

STATES = {
    "product": {"draft", "published", "archived"},
    "company": {"pending", "active", "rejected", "suspended"},
    "ticket": {"open", "in_progress", "resolved", "closed"},
    "return": {"requested", "approved", "rejected", "received", "resolving", "resolved"},
    "shipment": {"shipped", "exception", "delivered"},
    "invoice": {"open", "paid", "void"},
    "payment": {"pending", "processing", "succeeded", "failed", "canceled"},
    "order_payment": {"unpaid", "partially_paid", "paid", "partially_refunded", "refunded"},
}

PAIRS = [
    (name, state, action)
    for name, (_, allowed) in TABLES.items()
    for state, action in product(sorted(STATES[name]), sorted({a for _, a in allowed}))
]


@pytest.mark.parametrize(("name", "state", "action"), PAIRS)
def test_every_state_and_action(name, state, action):
    machine, allowed = TABLES[name]
    if (state, action) in allowed:
        assert machine.target(state, action) == allowed[(state, action)]
    else:
        with pytest.raises(DomainError) as err:
            machine.target(state, action)
        assert err.value.code is ErrorCode.INVALID_STATE


@pytest.mark.parametrize("name", TABLES)
def test_the_table_has_exactly_these_states_and_moves(name):
    machine, allowed = TABLES[name]
    assert {s.value for s in machine.states} == STATES[name]
    assert {(s, a): t for (s, a), t in machine.transitions.items()} == allowed


@pytest.mark.parametrize("name", TABLES)
def test_an_unknown_status_is_refused_not_a_crash(name):
    machine, _ = TABLES[name]
    with pytest.raises(DomainError) as err:
        machine.target("no_such_status", machine.actions[0])
    assert err.value.code is ErrorCode.INVALID_STATE


def test_refunds_are_never_undone_into_paid():
    for state in ("partially_refunded", "refunded"):
        assert not payments.ORDER_MACHINE.allows(state, "pay_all")
