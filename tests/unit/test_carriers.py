from domain.fulfilment import carriers


def test_built_in_carriers_link_to_their_tracking_pages():
    assert carriers.tracking_url("sf", "SF123").endswith("SF123")
    assert carriers.tracking_url("own", "X1") is None
    assert carriers.tracking_url("sf", "") is None


def test_carriers_can_be_added_by_configuration():
    carriers.configure(
        {"yto": {"names": {"zh-Hans": "圆通"}, "url": "https://t.example/{tracking}"}}
    )
    try:
        assert carriers.tracking_url("yto", "YT9") == "https://t.example/YT9"
        assert carriers.CARRIERS["yto"]["names"] == {"zh-Hans": "圆通"}
    finally:
        carriers.CARRIERS.pop("yto")
