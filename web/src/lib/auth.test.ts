import { beforeEach, describe, expect, it, vi } from "vitest";

import { accessToken, loadTokens, saveTokens, type Tokens } from "./auth";

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const tokens = (access: string, minutes: number): Tokens => ({
  accessToken: access,
  accessTokenExpiresAt: inMinutes(minutes),
  refreshToken: `refresh-${access}`,
  refreshTokenExpiresAt: inMinutes(60 * 24),
});

// A Web Lock stand-in that, like the browser's, runs one holder at a time.
function installLocks() {
  let queue = Promise.resolve();
  const locks = {
    request: <T>(_name: string, cb: () => Promise<T>) => {
      const run = queue.then(cb);
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
  };
  Object.defineProperty(navigator, "locks", { value: locks, configurable: true });
}

describe("access tokens", () => {
  beforeEach(() => {
    localStorage.clear();
    installLocks();
  });

  it("uses a fresh token as it is", async () => {
    saveTokens(tokens("a", 10));
    const refresh = vi.fn();
    expect(await accessToken(refresh)).toBe("a");
    expect(refresh).not.toHaveBeenCalled();
  });

  it("refreshes an expiring token once for many callers (tabs share the lock and the storage)", async () => {
    saveTokens(tokens("old", 0));
    const refresh = vi.fn(async (refreshToken: string) => {
      expect(refreshToken).toBe("refresh-old");
      await new Promise((resolve) => setTimeout(resolve, 10));
      return tokens("new", 15);
    });
    const got = await Promise.all([accessToken(refresh), accessToken(refresh), accessToken(refresh)]);
    expect(got).toEqual(["new", "new", "new"]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(loadTokens()?.accessToken).toBe("new");
  });

  it("signs out when the refresh is refused", async () => {
    saveTokens(tokens("old", 0));
    expect(await accessToken(async () => null)).toBeNull();
    expect(loadTokens()).toBeNull();
  });
});
