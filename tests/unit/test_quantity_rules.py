import pytest

from domain.pricing.quantity_rules import QuantityRules
from domain.shared.errors import DomainError, ErrorCode

CASE = QuantityRules(minimum=24, multiple=24, maximum=480)


@pytest.mark.parametrize(
    ("quantity", "code"),
    [
        (0, ErrorCode.INVALID_QUANTITY),
        (12, ErrorCode.BELOW_MINIMUM),
        (30, ErrorCode.NOT_A_MULTIPLE),
        (504, ErrorCode.ABOVE_MAXIMUM),
    ],
)
def test_quantities_that_break_a_rule(quantity, code):
    assert CASE.problem(quantity, "SKU-1").code is code


@pytest.mark.parametrize("quantity", [24, 48, 480])
def test_quantities_that_keep_the_rules(quantity):
    assert CASE.problem(quantity, "SKU-1") is None


@pytest.mark.parametrize(
    "rules",
    [
        QuantityRules(minimum=10, multiple=24),
        QuantityRules(minimum=48, multiple=24, maximum=24),
        QuantityRules(minimum=0),
        QuantityRules(multiple=0),
    ],
)
def test_inconsistent_rules_are_refused(rules):
    with pytest.raises(DomainError) as err:
        rules.validate()
    assert err.value.code is ErrorCode.INVALID_QUANTITY_RULES


def test_consistent_rules_pass():
    CASE.validate()
    QuantityRules().validate()
