"""Product pages in name order: pinyin for zh-Hans on both databases, kept current on every
write of a name, and walked page by page with cursors in every sort."""

from domain.catalog import products
from domain.catalog.search import NAME, NEWEST, PRICE, ProductSearch, search_products
from domain.catalog.sort_names import sort_key
from tests import factories as f

# Code point order would be 三 上 东 乐 北 银 阿; pinyin order is below (阿胶 reads ē jiāo).
PINYIN = ["北京烤鸭", "东方树叶", "阿胶", "乐事薯片", "三得利乌龙茶", "上好佳", "银鹭花生牛奶"]


def test_keys_follow_pinyin_then_tone():
    names = ["三", "上", "东", "乐"]
    assert sorted(names, key=lambda n: sort_key("zh-Hans", n)) == ["东", "乐", "三", "上"]
    assert sort_key("en", "Cola") == sort_key("en", "cola")


async def _names(language: str, sort: str = NAME, first: int = 3) -> list[str]:
    """Every published product's zh-Hans name, page by page."""
    from db.catalog import ProductTranslation

    seen, after = [], None
    while True:
        rows = await search_products(
            ProductSearch(language=language, sort=sort, first=first, after=after)
        )
        page = rows[:first]
        seen += [r[0] for r in page]
        if len(rows) <= first:
            break
        after = page[-1][1], page[-1][0]
    names = dict(
        await ProductTranslation.filter(language="zh-Hans").values_list("product_id", "name")
    )
    return [names[i] for i in seen]


async def test_chinese_names_sort_by_pinyin_and_follow_renames(db):
    for n, name in enumerate(reversed(PINYIN)):
        row = await f.product(names={"zh-Hans": name})
        await f.variant(row, base_price=100 * (n + 1))
    assert await _names("zh-Hans") == PINYIN
    # A product without an English name sorts by its Chinese one in English too.
    assert await _names("en") == PINYIN

    first = (await search_products(ProductSearch(language="zh-Hans", first=1)))[0][0]
    await products.update(first, texts=[products.ProductText(language="zh-Hans", name="珍珠奶茶")])
    assert await _names("zh-Hans") == PINYIN[1:] + ["珍珠奶茶"]

    newest = await _names("zh-Hans", NEWEST, first=2)
    assert newest == ["珍珠奶茶"] + PINYIN[1:]  # created in reverse name order
    assert len(await _names("zh-Hans", PRICE, first=2)) == len(PINYIN)
