import { describe, expect, it } from "vitest";

import { confirmProblem, loadStripe } from "./stripe";

describe("Stripe.js", () => {
  it("is loaded once per address and resolves to its factory", async () => {
    const url = "http://127.0.0.1:1/js.stripe.com/v3/";
    const first = loadStripe(url);
    const second = loadStripe(url);
    expect(second).toBe(first);
    const scripts = document.head.querySelectorAll(`script[src="${url}"]`);
    expect(scripts.length).toBe(1);
    const factory = () => ({}) as never;
    (window as unknown as { Stripe: unknown }).Stripe = factory;
    (scripts[0] as HTMLScriptElement).onload?.(new Event("load"));
    expect(await first).toBe(factory);
  });

  it("can be tried again after the script failed to load", async () => {
    const url = "http://127.0.0.1:2/js.stripe.com/v3/";
    const failed = loadStripe(url);
    const script = document.head.querySelector(`script[src="${url}"]`) as HTMLScriptElement;
    script.onerror?.(new Event("error"));
    await expect(failed).rejects.toThrow();
    expect(loadStripe(url)).not.toBe(failed);
  });

  it("tells a declined card from an accepted one", () => {
    expect(confirmProblem({ error: { message: "Your card was declined." } })).toBe("Your card was declined.");
    expect(confirmProblem({ paymentIntent: { status: "succeeded" } })).toBeNull();
    expect(confirmProblem({ paymentIntent: { status: "requires_payment_method" } })).toBe("payment requires_payment_method");
  });
});
