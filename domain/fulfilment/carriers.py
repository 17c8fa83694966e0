"""Carriers and the tracking pages their numbers link to: the usual ones built in, more (or
other templates) from the CARRIERS setting."""

from __future__ import annotations

CARRIERS: dict[str, dict] = {
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


def configure(extra: dict[str, dict]) -> None:
    """Add or change carriers from the CARRIERS setting: {"code": {"names": {...}, "url": ...}}
    where the url template has a {tracking} placeholder."""
    for code, carrier in extra.items():
        CARRIERS[code] = {
            "names": carrier.get("names", {"zh-Hans": code}),
            "url": carrier.get("url", ""),
        }


def tracking_url(carrier: str, tracking: str) -> str | None:
    template = CARRIERS.get(carrier, {}).get("url")
    return template.format(tracking=tracking) if template and tracking else None
