import { Button, Card, Empty, Input, Select, Spin, Tag } from "antd";
import { useContext, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";

import { CategoriesDocument, type CategoriesQuery, type ProductSort, ProductsDocument } from "../gql/graphql";
import { LanguageContext, useT } from "../lib/i18n";
import { formatMoney } from "../lib/money";

// The tree as one indented list: a plain Select keeps the first page's JavaScript small
// (a tree picker costs about 20 KB gzip) and works as well on a phone.
function flatten(categories: CategoriesQuery["categories"]) {
  return categories.flatMap((c) => [
    { value: c.id, label: c.name },
    ...c.children.flatMap((d) => [
      { value: d.id, label: `\u3000${d.name}` },
      ...d.children.map((e) => ({ value: e.id, label: `\u3000\u3000${e.name}` })),
    ]),
  ]);
}

export function CatalogPage() {
  const t = useT();
  const { language } = useContext(LanguageContext);
  // Search, category and sort live in the address, so a link or a reload shows the same list.
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const categoryId = params.get("category") ?? undefined;
  const sort = (params.get("sort") ?? "NAME") as ProductSort;
  const [after, setAfter] = useState<string | null>(null);
  const [{ data: categories }] = useQuery({ query: CategoriesDocument });
  const [{ data, fetching }] = useQuery({
    query: ProductsDocument,
    variables: { filter: { search: search || null, categoryId: categoryId ?? null }, sort, first: 12, after },
  });
  const categoryOptions = useMemo(() => flatten(categories?.categories ?? []), [categories]);

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setAfter(null);
    setParams(next);
  };

  const products = data?.products.edges ?? [];
  return (
    <div>
      <div className="toolbar">
        <Input.Search
          data-testid="search"
          allowClear
          placeholder={t("search")}
          defaultValue={search}
          onSearch={(value) => setParam("q", value.trim() || undefined)}
          style={{ flex: "1 1 200px" }}
        />
        <Select
          allowClear
          data-testid="category"
          placeholder={t("allCategories")}
          options={categoryOptions}
          value={categoryId}
          onChange={(value?: string) => setParam("category", value)}
          style={{ flex: "1 1 140px" }}
        />
        <Select
          value={sort}
          onChange={(value) => setParam("sort", value === "NAME" ? undefined : value)}
          options={[
            { value: "NAME", label: t("sortName") },
            { value: "PRICE", label: t("sortPrice") },
            { value: "NEWEST", label: t("sortNewest") },
          ]}
          style={{ flex: "0 0 100px" }}
        />
      </div>
      {!fetching && products.length === 0 && <Empty />}
      <div className="grid" data-testid="product-list">
        {products.map(({ node }) => {
          const first = node.variants[0];
          const price = first?.price?.unitPrice;
          return (
            <Link key={node.id} to={`/products/${node.slug}`} data-testid="product-card">
              <Card
                size="small"
                hoverable
                cover={node.images[0] ? <img alt={node.images[0].alt} src={node.images[0].url} /> : undefined}
              >
                <Card.Meta
                  title={node.name}
                  description={
                    <>
                      {price ? (
                        <span className="price">{formatMoney(price, language)}</span>
                      ) : (
                        <small>{t("signInForPrices")}</small>
                      )}
                      {first?.availability && (
                        <div>
                          <Tag color={first.availability.status === "OUT_OF_STOCK" ? "red" : "green"}>
                            {t(first.availability.status)}
                          </Tag>
                        </div>
                      )}
                    </>
                  }
                />
              </Card>
            </Link>
          );
        })}
      </div>
      <div style={{ textAlign: "center", margin: 16 }}>
        {fetching && <Spin />}
        {!fetching && data?.products.pageInfo.hasNextPage && (
          <Button onClick={() => setAfter(data.products.pageInfo.endCursor ?? null)}>{t("loadMore")}</Button>
        )}
      </div>
    </div>
  );
}
