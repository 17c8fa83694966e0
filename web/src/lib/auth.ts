// Tokens live in localStorage so a reload or a second tab stays signed in. A refresh runs under
// a Web Lock held by one tab at a time: a tab that waited for the lock finds the tokens another
// tab just stored and does not spend the (single-use) refresh token a second time.

export type Tokens = {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
};

const KEY = "dinghuo.tokens";
const LOCK = "dinghuo.token-refresh";
// Refresh this long before the access token runs out, so a request never carries a dead one.
const MARGIN_MS = 30_000;

export function loadTokens(storage: Storage = localStorage): Tokens | null {
  try {
    const raw = storage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

export function saveTokens(tokens: Tokens | null, storage: Storage = localStorage): void {
  if (tokens) storage.setItem(KEY, JSON.stringify(tokens));
  else storage.removeItem(KEY);
}

export function isFresh(tokens: Tokens, now = Date.now()): boolean {
  return Date.parse(tokens.accessTokenExpiresAt) - MARGIN_MS > now;
}

export type Refresher = (refreshToken: string) => Promise<Tokens | null>;

type Locks = { request<T>(name: string, cb: () => Promise<T>): Promise<T> };

function withLock<T>(cb: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: Locks } | undefined)?.locks;
  return locks ? locks.request(LOCK, cb) : cb();
}

/** The access token to send now, refreshed once (across tabs) when it is about to expire. */
export async function accessToken(refresh: Refresher, storage: Storage = localStorage): Promise<string | null> {
  const current = loadTokens(storage);
  if (!current) return null;
  if (isFresh(current)) return current.accessToken;
  return withLock(async () => {
    const latest = loadTokens(storage);
    if (!latest) return null;
    if (isFresh(latest)) return latest.accessToken;
    if (Date.parse(latest.refreshTokenExpiresAt) <= Date.now()) {
      saveTokens(null, storage);
      return null;
    }
    const renewed = await refresh(latest.refreshToken);
    saveTokens(renewed, storage);
    return renewed?.accessToken ?? null;
  });
}

/** Calls `onChange` when another tab signs in or out. */
export function watchTokens(onChange: () => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key === KEY) onChange();
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}
