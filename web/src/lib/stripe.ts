// Stripe.js, loaded from the address the API gives (Stripe's own, or a test server's stand-in)
// once per page, and only when a card is about to be paid. The few calls the storefront makes
// are typed here rather than pulling in Stripe's type package.

export type CardElement = { mount(el: HTMLElement): void; destroy(): void };
type ConfirmResult = { error?: { message?: string } | null; paymentIntent?: { status: string } };
export type StripeClient = {
  elements(options?: { locale?: string }): { create(type: "card", options?: object): CardElement };
  confirmCardPayment(clientSecret: string, data: { payment_method: { card: CardElement } }): Promise<ConfirmResult>;
};
type StripeFactory = (publishableKey: string) => StripeClient;

const loading = new Map<string, Promise<StripeFactory>>();

export function loadStripe(url: string, doc: Document = document): Promise<StripeFactory> {
  let promise = loading.get(url);
  if (!promise) {
    promise = new Promise<StripeFactory>((resolve, reject) => {
      const script = doc.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = () => {
        const factory = (doc.defaultView as (Window & { Stripe?: StripeFactory }) | null)?.Stripe;
        if (factory) resolve(factory);
        else reject(new Error("Stripe.js did not load"));
      };
      script.onerror = () => {
        loading.delete(url); // a later visit may try again
        reject(new Error("Stripe.js did not load"));
      };
      doc.head.appendChild(script);
    });
    loading.set(url, promise);
  }
  return promise;
}

/** What to tell the buyer after confirming: null when the card was accepted. */
export function confirmProblem(result: ConfirmResult): string | null {
  if (result.error) return result.error.message || "card error";
  const status = result.paymentIntent?.status;
  return status === "succeeded" || status === "processing" ? null : `payment ${status ?? "unknown"}`;
}
