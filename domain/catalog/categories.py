"""The category tree, edited by staff."""

from __future__ import annotations

import re
from typing import Literal

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.catalog import Category, CategoryTranslation
from domain.shared import validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.translations import check_language

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_slug(slug: str) -> str:
    slug = validation.text(slug, "slug", 160).lower()
    if not SLUG.match(slug):
        raise DomainError(ErrorCode.INVALID, "slug")
    return slug


async def _set_names(category: Category, names: dict[str, str]) -> None:
    if not names:
        raise DomainError(ErrorCode.REQUIRED, "names")
    for language, name in names.items():
        check_language(language, "names")
        name = validation.text(name, "names", 200)
        await CategoryTranslation.update_or_create(
            category=category, language=language, defaults={"name": name}
        )


async def _parent_path(parent_id: int | None) -> str:
    if parent_id is None:
        return "/"
    parent = await Category.get_or_none(id=parent_id)
    if parent is None:
        raise DomainError(ErrorCode.NOT_FOUND, "parentId")
    return f"{parent.path}{parent.id}/"


async def create(
    slug: str, names: dict[str, str], parent_id: int | None = None, position: int = 0
) -> Category:
    slug = check_slug(slug)
    try:
        async with in_transaction():
            category = await Category.create(
                slug=slug,
                parent_id=parent_id,
                path=await _parent_path(parent_id),
                position=position,
            )
            await _set_names(category, names)
    except IntegrityError as exc:
        raise DomainError(ErrorCode.DUPLICATE_SLUG, "slug", slug=slug) from exc
    return category


async def update(
    category_id: int,
    names: dict[str, str] | None = None,
    parent_id: int | None | Literal["unchanged"] = "unchanged",
    position: int | None = None,
) -> Category:
    async with in_transaction():
        category = await Category.get_or_none(id=category_id)
        if category is None:
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        if names:
            await _set_names(category, names)
        if position is not None:
            category.position = position
        if parent_id != "unchanged":
            await _move(category, parent_id)
        await category.save()
    return category


async def _move(category: Category, parent_id: int | None) -> None:
    new_path = await _parent_path(parent_id)
    own_prefix = f"{category.path}{category.id}/"
    if parent_id == category.id or new_path.startswith(own_prefix):
        raise DomainError(ErrorCode.CATEGORY_CYCLE, "parentId")
    # Descendants keep their place below the category: rewrite their path prefixes.
    for child in await Category.filter(path__startswith=own_prefix):
        child.path = f"{new_path}{category.id}/" + child.path[len(own_prefix) :]
        await child.save(update_fields=["path"])
    category.parent_id = parent_id
    category.path = new_path
