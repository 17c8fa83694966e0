"""Readable names for report rows: one query per report for the keys it shows."""

from __future__ import annotations

from db.accounts import Company
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


async def labels_for(by: str, keys: list, language: str) -> dict:
    ids = [k for k in keys if isinstance(k, int)]
    if by == "period":
        return {k: k for k in keys}
    if by == "sku":
        return {k: k for k in keys if k is not None}
    if not ids:
        return {}
    if by == "company":
        return dict(await Company.filter(id__in=ids).values_list("id", "name"))
    if by == "product":
        return await _translated(ProductTranslation, "product", ids, language)
    return await _translated(CategoryTranslation, "category", ids, language)
