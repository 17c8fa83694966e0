"""What a storefront needs for its card form: offered only when card payment works."""

import httpx

from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings

QUERY = "{ cardPayments { publishableKey stripeJsUrl } }"


async def ask(db, **settings) -> dict | None:
    app = create_app(make_settings(**settings), manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        result = await f.gql(client, QUERY)
    assert "errors" not in result, result
    return result["data"]["cardPayments"]


async def test_card_payments_need_both_keys(db):
    assert await ask(db) is None
    assert await ask(db, stripe_api_key="sk_test_x") is None
    assert await ask(db, stripe_publishable_key="pk_test_x") is None


async def test_card_payments_give_the_publishable_key_and_stripe_js(db):
    found = await ask(db, stripe_api_key="sk_test_x", stripe_publishable_key="pk_test_x")
    assert found == {"publishableKey": "pk_test_x", "stripeJsUrl": "https://js.stripe.com/v3/"}
    found = await ask(
        db,
        stripe_api_key="sk_test_x",
        stripe_publishable_key="pk_test_x",
        stripe_js_url="http://127.0.0.1:8420/js.stripe.com/v3/",
    )
    assert found is not None
    assert found["stripeJsUrl"] == "http://127.0.0.1:8420/js.stripe.com/v3/"
