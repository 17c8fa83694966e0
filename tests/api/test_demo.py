"""The demo distributor: believable data whose printed credentials work."""

from db.accounts import Company, User
from dinghuo import demo
from tests import factories as f


async def test_demo_data_has_staff_and_companies_in_several_tiers(db, settings):
    assert await demo.load_if_empty(settings) is True
    assert await demo.load_if_empty(settings) is False

    assert await Company.all().count() >= 8
    tiers = set(await Company.filter(status="active").values_list("price_tier", flat=True))
    assert {"distributor", "wholesale", "retail"} <= tiers
    assert await Company.filter(status="pending").count() >= 1
    roles = set(await User.filter(kind="staff").values_list("staff_role", flat=True))
    assert roles == {"admin", "sales", "warehouse", "finance"}


async def test_readme_credentials_log_in(client, settings):
    await demo.load_if_empty(settings)
    readme = (f.ROOT / "README.md").read_text(encoding="utf-8")
    for email in ("admin@dinghuo.demo", "owner@xianda.demo", "buyer@xianda.demo"):
        assert email in readme
        result = await f.gql(client, f.LOGIN, {"email": email, "password": demo.DEMO_PASSWORD})
        assert result["data"]["tokenCreate"]["errors"] == []
    assert demo.DEMO_PASSWORD in readme
