import { cacheExchange } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { createClient as createWsClient } from "graphql-ws";
import { Client, fetchExchange, stringifyDocument, subscriptionExchange } from "urql";

import { RefreshTokenDocument, type RefreshTokenMutationVariables } from "../gql/graphql";
import { accessToken, type Tokens } from "./auth";
import type { Language } from "./i18n";
import { setLiveConnected } from "./live";

// Same origin as the page: the Python server serves both (and `npm run dev` proxies).
const ENDPOINT = "/graphql";

export async function refresh(refreshToken: string): Promise<Tokens | null> {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: stringifyDocument(RefreshTokenDocument),
      variables: { input: { refreshToken } } satisfies RefreshTokenMutationVariables,
    }),
  });
  const body = (await response.json()) as { data?: { tokenRefresh?: Partial<Tokens> & { errors: unknown[] } } };
  const payload = body.data?.tokenRefresh;
  if (!payload?.accessToken || payload.errors.length) return null;
  return payload as Tokens;
}

async function authedFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const token = await accessToken(refresh);
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

// Types without an id are values inside their parent; the cart is one per viewer.
const embedded = [
  "Money", "PageInfo", "Attribute", "QuantityRules", "Availability", "PriceBreak", "VariantPrice",
  "CartLine", "Image", "Address", "OrderLine", "OrderEvent", "BankTransferDetails", "Viewer",
  "ProductEdge", "OrderEdge", "InvoiceEdge", "QuickAddProblem", "TokenPayload", "OrderUpdate",
  "ShipmentLine", "TicketMessage", "TicketEdge", "Statement", "LedgerEntry", "InvitationEdge",
  "PurchaseAnalysisResult", "PurchaseSpend", "ReorderCadence",
];

export function createClient(language: Language): Client {
  const ws = createWsClient({
    url: () => `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${ENDPOINT}`,
    lazy: true,
    on: { connected: () => setLiveConnected(true), closed: () => setLiveConnected(false) },
    connectionParams: async () => {
      const token = await accessToken(refresh);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
  return new Client({
    url: ENDPOINT,
    fetch: authedFetch,
    fetchOptions: { headers: { "accept-language": language } },
    // A new order, a placed cart or a reorder changes lists the cache cannot work out itself.
    requestPolicy: "cache-and-network",
    exchanges: [
      cacheExchange({
        keys: {
          ...Object.fromEntries(embedded.map((name) => [name, () => null])),
          Cart: () => "viewer",
        },
        resolvers: {
          Query: { products: relayPagination(), orders: relayPagination(), invoices: relayPagination(), tickets: relayPagination() },
        },
        updates: {
          Mutation: {
            orderPlace: (_result, _args, cache) => {
              cache.invalidate("Query", "cart");
              cache.invalidate("Query", "orders");
            },
            // A cancelled or changed order moves between the list's status filters.
            orderCancel: (_result, _args, cache) => cache.invalidate("Query", "orders"),
            orderModify: (_result, _args, cache) => cache.invalidate("Query", "orders"),
            ticketCreate: (_result, _args, cache) => cache.invalidate("Query", "tickets"),
          },
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? "" }, sink) }),
        }),
      }),
    ],
  });
}
