"""The order transition table: every (status, action) pair is either allowed, to a known
status, or refused with INVALID_STATE."""

from itertools import product
from types import SimpleNamespace

import pytest

from domain.ordering import states
from domain.ordering.policy import OrderingPolicy
from domain.shared.errors import DomainError, ErrorCode

POLICY = OrderingPolicy(review_steps=("order", "finance", "outbound"))
ACTIONS = [
    "approve", "reject_approval", "pass_review", "reject_review", "require_approval",
    "restart_review", "cancel", "ship_part", "ship_all", "close_backorder", "deliver", "complete",
]  # fmt: skip
# (status, review step, action) -> (status, review step) after it. Written out by hand.
ALLOWED = {
    ("pending_approval", None, "approve"): ("pending_review", "order"),
    ("pending_approval", None, "reject_approval"): ("rejected", None),
    ("pending_approval", None, "cancel"): ("cancelled", None),
    ("pending_review", "finance", "pass_review"): ("pending_review", "outbound"),
    ("pending_review", "finance", "reject_review"): ("rejected", None),
    ("pending_review", "finance", "cancel"): ("cancelled", None),
    ("pending_review", "finance", "require_approval"): ("pending_approval", None),
    ("pending_review", "finance", "restart_review"): ("pending_review", "order"),
    ("confirmed", None, "cancel"): ("cancelled", None),
    ("confirmed", None, "ship_part"): ("partially_shipped", None),
    ("confirmed", None, "ship_all"): ("shipped", None),
    ("processing", None, "cancel"): ("cancelled", None),
    ("processing", None, "ship_part"): ("partially_shipped", None),
    ("processing", None, "ship_all"): ("shipped", None),
    ("partially_shipped", None, "ship_part"): ("partially_shipped", None),
    ("partially_shipped", None, "ship_all"): ("shipped", None),
    ("partially_shipped", None, "close_backorder"): ("shipped", None),
    ("shipped", None, "deliver"): ("delivered", None),
    ("delivered", None, "complete"): ("completed", None),
}
STEP_OF = {"pending_review": "finance"}
PAIRS = list(product(states.STATUSES, ACTIONS))


def order(status: str):
    return SimpleNamespace(status=status, review_step=STEP_OF.get(status))


@pytest.mark.parametrize(("status", "action"), PAIRS)
def test_every_status_and_action(status, action):
    key = (status, STEP_OF.get(status), action)
    if key in ALLOWED:
        step = states.target(order(status), action, POLICY)
        assert (step.status, step.review_step) == ALLOWED[key]
    else:
        with pytest.raises(DomainError) as err:
            states.target(order(status), action, POLICY)
        assert err.value.code is ErrorCode.INVALID_STATE


def test_the_table_has_exactly_these_actions():
    assert set(states.ACTIONS) == set(ACTIONS)
    assert {(s, a) for s, a in states.TRANSITIONS} == {(s, a) for s, _, a in ALLOWED}


def test_the_last_review_step_confirms_and_approval_without_steps_confirms():
    last = SimpleNamespace(status="pending_review", review_step="outbound")
    waiting = SimpleNamespace(status="pending_approval", review_step=None)
    assert states.target(last, "pass_review", POLICY).status == "confirmed"
    assert states.target(waiting, "approve", OrderingPolicy(review_steps=())).status == "confirmed"


def test_no_action_enters_processing():
    # It used to be entered and left inside one shipment's transaction: nobody ever saw it.
    assert states.PROCESSING not in states.TRANSITIONS.values()


def test_subscribers_hear_every_action_of_the_table():
    assert set(states.ACTIONS) <= set(states.EVENT_KINDS)


def test_only_the_actions_that_enter_review_need_the_policy():
    shipped = SimpleNamespace(status="shipped", review_step=None)
    waiting = SimpleNamespace(status="pending_approval", review_step=None)
    assert states.target(shipped, "deliver", None).status == "delivered"
    with pytest.raises(ValueError):
        states.target(waiting, "approve", None)
