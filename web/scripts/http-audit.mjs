// GraphQL over HTTP conformance: graphql-http's server audit against a running API.
// Usage: node scripts/http-audit.mjs http://127.0.0.1:8000/graphql
// Prints one JSON line per audit that did not pass and a summary; exits 1 on any error or warning.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node scripts/http-audit.mjs <graphql url>");
  process.exit(2);
}
const results = await auditServer({ url });
const failed = results.filter((r) => r.status !== "ok");
for (const r of failed) {
  const body = r.response ? await r.response.clone().text().catch(() => "") : "";
  console.log(JSON.stringify({ id: r.id, name: r.name, status: r.status, reason: r.reason, body: body.slice(0, 300) }));
}
const count = (status) => results.filter((r) => r.status === status).length;
console.log(JSON.stringify({ audits: results.length, ok: count("ok"), warn: count("warn"), error: count("error") }));
process.exit(failed.length ? 1 : 0);
