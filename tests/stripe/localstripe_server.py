"""Runs localstripe (a fake Stripe API server) on 127.0.0.1 at the port given, without the
pickle file its stock command writes to the temporary folder.

Its stand-in for Stripe.js only confirms PaymentIntents that already carry a payment method
(3-D Secure); a storefront confirms with the card the buyer typed, as Stripe.js does. So the
stand-in served here also sends the card with the browser's confirm (publishable key and client
secret), and the server accepts that confirm as Stripe does: a payment method from the card,
attached and confirmed. Everything else is localstripe's own.
"""

import re
import sys
from pathlib import Path

from aiohttp import web
from localstripe import resources, server
from localstripe.errors import UserError

resources.Store.dump_to_disk = lambda self: None

CONFIRM = re.compile(r"^/v1/payment_intents/(pi_\w+)/confirm$")
STOCK_JS = (Path(server.__file__).parent / "localstripe-v3.js").read_text()
CARD_CONFIRM_JS = """
// Added by Dinghuo's test server: confirmCardPayment(secret, {payment_method: {card}}) sends the
// card typed into the element with the confirm, as Stripe.js does.
(function () {
  const stock = Stripe;
  Stripe = (apiKey) => {
    const stripe = stock(apiKey);
    const authenticate = stripe.confirmCardPayment;
    stripe.confirmCardPayment = async (clientSecret, data) => {
      const element = data && data.payment_method && data.payment_method.card;
      if (!element || !element.value) return authenticate(clientSecret, data);
      const pi = clientSecret.match(/^(pi_\\w+)_secret_/)[1];
      const response = await fetch(`${LOCALSTRIPE_BASE_API}/v1/payment_intents/${pi}/confirm`, {
        method: 'POST',
        body: JSON.stringify({
          key: apiKey,
          client_secret: clientSecret,
          payment_method_data: {type: 'card', card: element.value.card},
        }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status !== 200 || body.error) {
        return {error: body.error || {message: 'declined'}};
      }
      if (body.status === 'requires_action') return authenticate(clientSecret, data);
      return {paymentIntent: body};
    };
    return stripe;
  };
})();
"""


def confirm_in_browser(intent_id: str, data: dict) -> dict:
    intent = resources.PaymentIntent._api_retrieve(intent_id)
    if data.get("client_secret") != intent.client_secret:
        raise UserError(401, "Unauthorized")
    method_data = data.get("payment_method_data") or {}
    if intent.status != "requires_payment_method" or method_data.get("type") != "card":
        raise UserError(400, "Bad request")
    method = resources.PaymentMethod._api_create(type="card", card=method_data.get("card"))
    intent.payment_method = method.id
    intent.latest_charge = None  # a declined card before this one may be retried with another
    intent._confirm(on_failure_now=intent._report_failure)
    return intent._export()


@web.middleware
async def browser(request: web.Request, handler):
    if request.method == "GET" and request.path == "/js.stripe.com/v3/":
        return web.Response(text=STOCK_JS + CARD_CONFIRM_JS, content_type="application/javascript")
    match = CONFIRM.match(request.path)
    if request.method == "POST" and match:
        data = await server.get_post_data(request, remove_auth=False)
        if isinstance(data, dict) and str(data.get("key", "")).startswith("pk_"):
            return server.json_response(confirm_in_browser(match.group(1), data))
    return await handler(request)


# After localstripe's error handling (so refusals answer as Stripe's errors), before its
# check of the secret key.
server.app.middlewares.insert(1, browser)

if __name__ == "__main__":
    web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
