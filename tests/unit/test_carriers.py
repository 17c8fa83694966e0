from domain.fulfilment import carriers
from domain.fulfilment.policy import FulfilmentPolicy


def test_built_in_carriers_link_to_their_tracking_pages():
    policy = FulfilmentPolicy()
    assert (policy.tracking_url("sf", "SF123") or "").endswith("SF123")
    assert policy.tracking_url("own", "X1") is None
    assert policy.tracking_url("sf", "") is None


def test_carriers_can_be_added_by_configuration():
    extra = {"yto": {"names": {"zh-Hans": "圆通"}, "url": "https://t.example/{tracking}"}}
    policy = FulfilmentPolicy(carriers=carriers.with_extra(extra))

    assert policy.tracking_url("yto", "YT9") == "https://t.example/YT9"
    assert policy.names("yto") == {"zh-Hans": "圆通"}
    assert (policy.tracking_url("sf", "SF1") or "").endswith("SF1")
    assert "yto" not in FulfilmentPolicy().carriers  # the built-in table is left as it was
