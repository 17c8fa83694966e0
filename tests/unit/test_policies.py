"""Each area's policy, as built from the settings: the defaults agree, and a setting lands in
the field the rules read."""

from dinghuo.policies import policies
from dinghuo.settings import Settings
from domain.fulfilment.policy import FulfilmentPolicy
from domain.insight.policy import ReplenishmentPolicy
from domain.ordering.policy import OrderingPolicy
from domain.payments.policy import PaymentsPolicy


def test_default_settings_give_the_policies_defaults():
    built = policies(Settings(_env_file=None))  # pyright: ignore[reportCallIssue]

    assert built.ordering == OrderingPolicy()
    assert built.fulfilment == FulfilmentPolicy()
    assert built.payments == PaymentsPolicy()
    assert built.replenishment == ReplenishmentPolicy()


def test_settings_land_in_the_ordering_policy():
    settings = Settings(
        _env_file=None,  # pyright: ignore[reportCallIssue]
        order_review_steps=" finance, outbound ",
        credit_over_limit="review",
        credit_hold_grace_days=3,
        default_currency="HKD",
    )

    assert policies(settings).ordering == OrderingPolicy(
        review_steps=("finance", "outbound"),
        credit_over_limit="review",
        credit_grace_days=3,
        currency="HKD",
    )


def test_no_review_steps_is_an_empty_tuple():
    settings = Settings(_env_file=None, order_review_steps="")  # pyright: ignore[reportCallIssue]

    assert policies(settings).ordering.review_steps == ()


def test_configured_carriers_join_the_built_in_ones():
    settings = Settings(
        _env_file=None,  # pyright: ignore[reportCallIssue]
        carriers={"yto": {"names": {"en": "YTO"}, "url": "https://t.example/{tracking}"}},
    )
    fulfilment = policies(settings).fulfilment

    assert fulfilment.tracking_url("yto", "YT1") == "https://t.example/YT1"
    assert {"sf", "jd", "zto", "own", "yto"} <= set(fulfilment.carriers)
