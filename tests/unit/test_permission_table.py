"""The permission table: every mutation has an entry, and roles get what the table says."""

import pytest
from strawberry.permission import PermissionExtension

from dinghuo.api import build_schema
from domain.accounts.permissions import ACTIONS, Principal, refusal
from resolvers.core.permissions import Can
from tests.conftest import make_settings


def buyer(role: str, status: str = "active") -> Principal:
    return Principal(
        1, "b@example.com", "buyer", company_id=1, company_role=role, company_status=status
    )


def staff(role: str) -> Principal:
    return Principal(2, "s@example.com", "staff", staff_role=role)


def declared_action(field) -> str | None:
    for extension in field.extensions:
        if isinstance(extension, PermissionExtension):
            for permission in extension.permissions:
                if isinstance(permission, Can):
                    return permission.action
    return None


def test_every_mutation_asks_the_table_under_its_own_name():
    schema = build_schema(make_settings())
    mutation = schema.get_type_by_name("Mutation")
    names = {schema.config.name_converter.get_graphql_name(f) for f in mutation.fields}
    wrong = {}
    for field in mutation.fields:
        name = schema.config.name_converter.get_graphql_name(field)
        action = declared_action(field)
        if action != name or name not in ACTIONS:
            wrong[name] = action
    assert wrong == {}
    # Nor does the table keep entries for mutations that are gone.
    assert {a.split(".")[0] for a in ACTIONS} <= names


ALL = ["admin", "sales", "warehouse", "finance", "owner", "purchaser", "approver", "viewer"]


def principal(who: str) -> Principal:
    return staff(who) if who in ("admin", "sales", "warehouse", "finance") else buyer(who)


MATRIX = {
    "paymentRefund": {"admin", "finance"},
    "returnResolve": {"admin", "sales", "warehouse"},  # replacement
    "returnResolve.refund": {"admin", "finance"},
    "returnApprove": {"admin", "sales", "warehouse"},
    "shipmentReceive": {"owner", "purchaser"},
    "shipmentCreate": {"admin", "warehouse"},
    "orderPaymentIntentCreate": {"owner", "purchaser"},
    "orderPayFromBalance": {"owner", "purchaser"},
    "orderPlace": {"owner", "purchaser"},
    "orderApprove": {"owner", "approver"},
    "orderReviewPass": {"admin", "sales", "warehouse", "finance"},
    "orderLineAdjust": {"admin", "sales"},
    "invitationCreate": {"owner"},
    "companyOrderApprovalSet": {"owner"},
    "companySuspend": {"admin", "finance"},
    "companyApprove": {"admin", "sales"},
    "staffUserCreate": {"admin"},
    "stockAdjust": {"admin", "warehouse"},
    "productCreate": {"admin", "sales"},
    "orderCancel": set(ALL),
    "ticketCreate": {"owner", "purchaser", "approver", "viewer"},
}


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_roles_allowed_per_action(action):
    allowed = {who for who in ALL if refusal(principal(who), action) is None}
    assert allowed == MATRIX[action]


@pytest.mark.parametrize("status", ["pending", "suspended", "rejected"])
@pytest.mark.parametrize(
    "action", ["invitationCreate", "companyOrderApprovalSet", "companyUserRoleUpdate", "orderPlace"]
)
def test_a_company_that_is_not_active_may_not_act(action, status):
    assert refusal(buyer("owner", status), action) == "COMPANY_NOT_ACTIVE"


def test_some_actions_stay_open_to_a_suspended_company():
    owner = buyer("owner", "suspended")
    for action in ("companyUserDeactivate", "shipmentReceive", "ticketCreate", "passwordChange"):
        assert refusal(owner, action) is None


def test_anonymous_callers_only_reach_open_actions():
    assert refusal(None, "tokenCreate") is None
    assert refusal(None, "orderPlace") == "UNAUTHENTICATED"
    assert refusal(staff("admin"), "noSuchMutation") == "FORBIDDEN"
