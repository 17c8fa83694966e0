"""Name order: the key a product sorts by in each language, kept in `product_sort_name`.

zh-Hans sorts by pinyin (东 dōng, 乐 lè, 三 sān, 上 shàng), as Chinese users expect, and not by
code point. Collations that know pinyin exist on some PostgreSQL builds (ICU) and never on
SQLite, so the key is computed here and compared bytewise on both databases. Every write of a
product name calls `refresh` for the products it touched."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.phrases_dict import phrases_dict as PHRASES
from tortoise import Tortoise

from db.catalog import ProductSortName
from domain.catalog import bulk
from domain.shared.messages import LANGUAGES

KEY_LENGTH = 255  # the column's size; ties past it are broken by the product id
BATCH = 5000  # products a round (the statements under it batch their keys as needed)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@cache
def _char(char: str) -> str:
    return lazy_pinyin(char, style=Style.TONE3, neutral_tone_with_five=True)[0] + char


@lru_cache(maxsize=1 << 16)
def _pair(pair: str) -> str:
    readings = lazy_pinyin(pair, style=Style.TONE3, neutral_tone_with_five=True)
    return "".join(r + c for r, c in zip(readings, pair, strict=True))


def sort_key(language: str, name: str) -> str:
    """A string whose bytewise order is the name order of `language` (today the same rule for
    both languages; the argument keeps a third language's rule one place away).

    Each Chinese character becomes its pinyin, tone number and the character itself
    ("东" -> "dong1东"): syllable first, then tone, then a stable tie-break between homophones.
    Everything else is case-folded, so Latin names and pinyin interleave alphabetically.
    A character that starts a two-character word takes the word's reading (银行 háng, 阿胶 ē);
    words and characters are cached, since segmenting every name costs ~0.4 ms (an import)."""
    name = name.strip()
    parts, i = [], 0
    while i < len(name):
        char = name[i]
        if not _is_han(char):
            parts.append(char.casefold())
            i += 1
        elif name[i : i + 2] in PHRASES and len(name[i : i + 2]) == 2:
            parts.append(_pair(name[i : i + 2]))
            i += 2
        else:
            parts.append(_char(char))
            i += 1
    return "".join(parts)[:KEY_LENGTH]


def keys_for(names: dict[str, str], default_language: str = "zh-Hans") -> dict[str, str]:
    """The key of every language for one product's names ({language: name}). A language
    without a name sorts by the default language's name, else by the smallest name, the way
    the product is shown."""
    fallback = names.get(default_language) or (min(names.values()) if names else "")
    return {lang: sort_key(lang, names.get(lang) or fallback) for lang in LANGUAGES}


async def refresh(product_ids: Iterable[int], default_language: str = "zh-Hans") -> None:
    """Recompute the sort keys of these products from their current names."""
    ids = sorted(set(product_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        names: dict[int, dict[str, str]] = {i: {} for i in chunk}
        rows = await bulk.select_in(
            "product_translation", ("product_id", "language", "name"), "product_id", chunk
        )
        for product_id, language, name in rows:
            names[product_id][language] = name
        await bulk.delete_in("product_sort_name", "product_id", chunk)
        await bulk.insert(
            ProductSortName,
            [
                {"product_id": pid, "language": lang, "sort_key": key}
                for pid, texts in names.items()
                for lang, key in keys_for(texts, default_language).items()
            ],
        )


async def refresh_all(client=None) -> None:
    """Keys for every product (after a migration, or if they were ever lost)."""
    connection = client or Tortoise.get_connection("default")
    _, rows = await connection.execute_query("SELECT id FROM product ORDER BY id")
    await refresh([row[0] for row in rows])
