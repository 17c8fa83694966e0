from domain.pricing.prices import BASE, CONTRACT, TIER, Price, schedule, unit_price

TIER_BREAKS = [(1, 1200), (10, 1120), (50, 1050)]


def test_base_price_without_lists():
    assert unit_price(1500, [], [], 5) == Price(1500, BASE)


def test_tier_list_with_the_best_break_reached():
    assert unit_price(1500, [], TIER_BREAKS, 1) == Price(1200, TIER)
    assert unit_price(1500, [], TIER_BREAKS, 9) == Price(1200, TIER)
    assert unit_price(1500, [], TIER_BREAKS, 10) == Price(1120, TIER)
    assert unit_price(1500, [], TIER_BREAKS, 49) == Price(1120, TIER)
    assert unit_price(1500, [], TIER_BREAKS, 50) == Price(1050, TIER)
    assert unit_price(1500, [], TIER_BREAKS, 5000) == Price(1050, TIER)


def test_contract_wins_over_tier():
    assert unit_price(1500, [(1, 1000)], TIER_BREAKS, 60) == Price(1000, CONTRACT)


def test_a_contract_break_not_reached_falls_back_to_the_tier():
    contract = [(100, 900)]
    assert unit_price(1500, contract, TIER_BREAKS, 60) == Price(1050, TIER)
    assert unit_price(1500, contract, TIER_BREAKS, 100) == Price(900, CONTRACT)


def test_two_lists_of_one_kind_give_the_lower_price():
    assert unit_price(1500, [], [(1, 1200), (1, 1180)], 1) == Price(1180, TIER)


def test_schedule_lists_each_quantity_where_the_price_changes():
    assert schedule(1500, [(100, 900)], TIER_BREAKS) == [
        (1, Price(1200, TIER)),
        (10, Price(1120, TIER)),
        (50, Price(1050, TIER)),
        (100, Price(900, CONTRACT)),
    ]


def test_schedule_starts_at_the_minimum_order_quantity():
    assert schedule(1500, [], TIER_BREAKS, start=24) == [
        (24, Price(1120, TIER)),
        (50, Price(1050, TIER)),
    ]


def test_schedule_agrees_with_unit_price_at_every_quantity():
    contract, tier = [(30, 1000), (200, 800)], TIER_BREAKS
    steps = schedule(1500, contract, tier)
    for quantity in range(1, 300):
        expected = unit_price(1500, contract, tier, quantity)
        current = [price for start, price in steps if start <= quantity][-1]
        assert current == expected, quantity
