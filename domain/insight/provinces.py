"""The province (省级行政区) an order shipped to, read from the start of its address region."""

from __future__ import annotations

# Short names, longest first where one starts another's text (none do today).
PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
    "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港",
    "澳门",
)  # fmt: skip


def province_of(address: dict | None) -> str:
    """The province's short name ("上海" for "上海市浦东新区"), or "" when the region does
    not start with one (an address abroad, or none)."""
    region = str((address or {}).get("region") or "").strip()
    for name in PROVINCES:
        if region.startswith(name):
            return name
    return ""
