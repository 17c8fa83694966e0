"""Readable names for report rows: one query per report for the keys it shows."""

from __future__ import annotations

from db.accounts import Company, User
from db.catalog import CategoryTranslation, ProductTranslation


def _pick(names: dict[str, str], language: str) -> str:
    return names.get(language) or names.get("zh-Hans") or next(iter(names.values()), "")


async def _translated(model, owner: str, ids: list[int], language: str) -> dict:
    names: dict[int, dict[str, str]] = {}
    rows = await model.filter(**{f"{owner}_id__in": ids}).values_list(
        f"{owner}_id", "language", "name"
    )
    for owner_id, lang, name in rows:
        names.setdefault(owner_id, {})[lang] = name
    return {i: _pick(n, language) for i, n in names.items()}


async def labels_for(by: str, keys: list[str], language: str) -> dict[str, str]:
    """{row key: name}; keys are text (ids as digits), "" for rows without one."""
    if by in ("period", "sku", "province", "price_tier"):
        return {k: k for k in keys}
    ids = [int(k) for k in keys if k.isdigit()]
    if not ids:
        return {}
    if by == "company":
        names = await Company.filter(id__in=ids).values_list("id", "name")
    elif by == "sales_rep":
        names = await User.filter(id__in=ids).values_list("id", "full_name")
    elif by == "product":
        names = (await _translated(ProductTranslation, "product", ids, language)).items()
    else:
        names = (await _translated(CategoryTranslation, "category", ids, language)).items()
    return {str(i): name for i, name in names}
