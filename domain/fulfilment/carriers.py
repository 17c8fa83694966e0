"""Carriers and the tracking pages their numbers link to: the usual ones built in, more (or
other templates) from the CARRIERS setting, merged into the fulfilment policy at start-up."""

from __future__ import annotations

BUILT_IN: dict[str, dict] = {
    "sf": {
        "names": {"zh-Hans": "顺丰速运", "en": "SF Express"},
        "url": "https://www.sf-express.com/chn/sc/waybill/waybill-detail/{tracking}",
    },
    "jd": {
        "names": {"zh-Hans": "京东物流", "en": "JD Logistics"},
        "url": "https://www.jdl.com/orderSearch/?waybillCodes={tracking}",
    },
    "zto": {
        "names": {"zh-Hans": "中通快递", "en": "ZTO Express"},
        "url": "https://www.zto.com/express/expressCheck.html?txtBill={tracking}",
    },
    "own": {"names": {"zh-Hans": "自有车队", "en": "Own fleet"}, "url": ""},
}


def with_extra(extra: dict[str, dict]) -> dict[str, dict]:
    """The built-in carriers, added to or changed by the CARRIERS setting:
    {"code": {"names": {...}, "url": ...}} where the url template has a {tracking} placeholder."""
    carriers = dict(BUILT_IN)
    for code, carrier in extra.items():
        carriers[code] = {
            "names": carrier.get("names", {"zh-Hans": code}),
            "url": carrier.get("url", ""),
        }
    return carriers
