import { Alert, Button, Card } from "antd";
import { useContext, useEffect, useRef, useState } from "react";
import { useMutation, useQuery } from "urql";

import { CardPaymentSettingsDocument, OrderPaymentIntentCreateDocument } from "../../gql-more/graphql";
import { LanguageContext, useT } from "../../lib/i18n";
import { formatMoney, type Money } from "../../lib/money";
import { failure } from "../../lib/outcome";
import { type CardElement, confirmProblem, loadStripe, type StripeClient } from "../../lib/stripe";
import "../../lib/messagesMore";

/** The card form (Stripe Elements) for a card order with money due. Stripe confirms the
 * PaymentIntent in the browser; the order turns paid when Stripe's webhook reaches the API,
 * and the order page hears of it through its subscription. */
export default function CardPayment({ orderId, amountDue }: { orderId: string; amountDue: Money }) {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const [{ data }] = useQuery({ query: CardPaymentSettingsDocument });
  const [, createIntent] = useMutation(OrderPaymentIntentCreateDocument);
  const mount = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ client: StripeClient; card: CardElement } | null>(null);
  const [ready, setReady] = useState(false);
  const [paying, setPaying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const settings = data?.cardPayments;

  useEffect(() => {
    if (!settings || !mount.current) return;
    let gone = false;
    loadStripe(settings.stripeJsUrl)
      .then((Stripe) => {
        if (gone || !mount.current) return;
        const client = Stripe(settings.publishableKey);
        const card = client.elements({ locale: language === "en" ? "en" : "zh" }).create("card");
        card.mount(mount.current);
        stripe.current = { client, card };
        setReady(true);
      })
      .catch((error: Error) => setProblem(error.message));
    return () => {
      gone = true;
      stripe.current?.card.destroy();
      stripe.current = null;
      setReady(false);
    };
  }, [settings, language]);

  if (data && !settings) return <Alert style={{ marginTop: 12 }} type="warning" message={t("cardUnavailable")} />;

  const pay = async () => {
    if (!stripe.current) return;
    setPaying(true);
    setProblem(null);
    try {
      const r = await createIntent({ orderId });
      const payload = r.data?.orderPaymentIntentCreate;
      if (!payload?.clientSecret) return setProblem(failure(payload, r.error) || "—");
      const result = await stripe.current.client.confirmCardPayment(payload.clientSecret, {
        payment_method: { card: stripe.current.card },
      });
      const declined = confirmProblem(result);
      if (declined) setProblem(declined);
      else setSent(true);
    } finally {
      setPaying(false);
    }
  };

  return (
    <Card size="small" style={{ marginTop: 12 }} title={t("payByCard")} data-testid="card-payment">
      <div ref={mount} data-testid="card-element" style={{ minHeight: 40, overflowX: "auto" }} />
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 8 }} />}
      {sent ? (
        <Alert type="success" showIcon data-testid="card-sent" message={t("paymentSubmitted")} style={{ marginTop: 8 }} />
      ) : (
        <Button type="primary" style={{ marginTop: 8 }} data-testid="card-pay" disabled={!ready} loading={paying} onClick={() => void pay()}>
          {t("payNow", { amount: formatMoney(amountDue, language) })}
        </Button>
      )}
    </Card>
  );
}
