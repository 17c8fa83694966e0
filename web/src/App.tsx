import { ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { Route, Routes } from "react-router-dom";
import { Provider, stringifyDocument } from "urql";

import { Shell } from "./Shell";
import { SignOutDocument, type SignOutMutationVariables } from "./gql/graphql";
import { loadTokens, saveTokens, type Tokens, watchTokens } from "./lib/auth";
import { createClient } from "./lib/client";
import { LanguageContext, type Language, storedLanguage } from "./lib/i18n";
import { SessionContext } from "./lib/session";
import { CatalogPage } from "./pages/Catalog";

// The catalog is the first page; the others load when first visited.
const ProductPage = lazy(() => import("./pages/Product"));
const CartPage = lazy(() => import("./pages/Cart"));
const CheckoutPage = lazy(() => import("./pages/Checkout"));
const OrdersPage = lazy(() => import("./pages/Orders"));
const OrderPage = lazy(() => import("./pages/Order"));
const PurchasesPage = lazy(() => import("./pages/purchases/Purchases"));
const InvoicesPage = lazy(() => import("./pages/Invoices"));
const SignInPage = lazy(() => import("./pages/SignIn"));
const RegisterPage = lazy(() => import("./pages/Register"));
const TicketsPage = lazy(() => import("./pages/Tickets"));
const TicketNewPage = lazy(() => import("./pages/TicketNew"));
const TicketPage = lazy(() => import("./pages/Ticket"));
const AccountPage = lazy(() => import("./pages/account/Account"));
const AddressesPage = lazy(() => import("./pages/account/Addresses"));
const StatementsPage = lazy(() => import("./pages/account/Statements"));
const MembersPage = lazy(() => import("./pages/account/Members"));
const SettingsPage = lazy(() => import("./pages/account/Settings"));

export function App() {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const [signedIn, setSignedIn] = useState(() => loadTokens() !== null);
  // A new client (and so an empty cache) whenever who is asking, or in which language, changes.
  const [generation, setGeneration] = useState(0);
  // signedIn and generation are not read by createClient: they are there to make a new client.
  const client = useMemo(() => createClient(language), [language, signedIn, generation]);

  useEffect(
    () =>
      watchTokens(() => {
        setSignedIn(loadTokens() !== null);
        setGeneration((n) => n + 1);
      }),
    [],
  );
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem("dinghuo.language", next);
    setLanguageState(next);
  }, []);
  const signIn = useCallback((tokens: Tokens) => {
    saveTokens(tokens);
    setSignedIn(true);
  }, []);
  const signOut = useCallback(async () => {
    const tokens = loadTokens();
    saveTokens(null);
    setSignedIn(false);
    if (tokens) {
      // Revoke the refresh token; the page does not wait on the answer.
      void fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: stringifyDocument(SignOutDocument),
          variables: { input: { refreshToken: tokens.refreshToken } } satisfies SignOutMutationVariables,
        }),
      });
    }
  }, []);

  return (
    <LanguageContext.Provider value={{ language, setLanguage }}>
      <ConfigProvider locale={language === "en" ? enUS : zhCN} theme={{ token: { colorPrimary: "#c2410c" } }}>
        <SessionContext.Provider value={{ signedIn, signIn, signOut }}>
          <Provider value={client}>
            <Shell>
              <Suspense fallback={null}>
                <Routes>
                  <Route path="/" element={<CatalogPage />} />
                  <Route path="/products/:slug" element={<ProductPage />} />
                  <Route path="/cart" element={<CartPage />} />
                  <Route path="/checkout" element={<CheckoutPage />} />
                  <Route path="/orders" element={<OrdersPage />} />
                  <Route path="/orders/:id" element={<OrderPage />} />
                  <Route path="/purchases" element={<PurchasesPage />} />
                  <Route path="/invoices" element={<InvoicesPage />} />
                  <Route path="/tickets" element={<TicketsPage />} />
                  <Route path="/tickets/new" element={<TicketNewPage />} />
                  <Route path="/tickets/:id" element={<TicketPage />} />
                  <Route path="/account" element={<AccountPage />} />
                  <Route path="/account/addresses" element={<AddressesPage />} />
                  <Route path="/account/statements" element={<StatementsPage />} />
                  <Route path="/account/members" element={<MembersPage />} />
                  <Route path="/account/settings" element={<SettingsPage />} />
                  <Route path="/sign-in" element={<SignInPage />} />
                  <Route path="/register" element={<RegisterPage />} />
                  <Route path="*" element={<CatalogPage />} />
                </Routes>
              </Suspense>
            </Shell>
          </Provider>
        </SessionContext.Provider>
      </ConfigProvider>
    </LanguageContext.Provider>
  );
}
