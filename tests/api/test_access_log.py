"""The access log and log lines say who a request acted for, and never a link's signature."""

import json
import logging

from dinghuo.observability import JsonFormatter
from tests import factories as f


async def test_downloads_and_webhooks_are_logged_with_the_caller_and_no_query_string(
    client, policy, caplog
):
    company = await f.company()
    buyer = await f.buyer(policy, company)
    token = await f.login(client, buyer)
    caplog.set_level(logging.INFO, logger="dinghuo.access")
    caplog.clear()

    await client.get(
        "/documents/invoices/INV-0000-000001.pdf", headers={"authorization": f"Bearer {token}"}
    )
    await client.get("/documents/invoices/INV-0000-000001.pdf?sig=secret-signature")
    await client.post("/webhooks/carriers/sf", content=b"not json")

    download, signed, webhook = [r for r in caplog.records if r.name == "dinghuo.access"]
    assert download.fields["path"] == "/documents/invoices/INV-0000-000001.pdf"
    assert download.fields["status"] == 404
    assert signed.fields["status"] == 403
    assert "secret-signature" not in signed.getMessage() + json.dumps(signed.fields)
    line = json.loads(JsonFormatter().format(download))
    assert (line["user_id"], line["company_id"]) == (buyer.id, company.id)
    assert line["process"] > 0 and line["ms"] >= 0
    assert webhook.fields["status"] == 401 and webhook.fields["method"] == "POST"
    assert "user_id" not in json.loads(JsonFormatter().format(webhook))
