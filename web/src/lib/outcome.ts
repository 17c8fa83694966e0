import { message } from "antd";

type Payload = { errors: readonly { message: string }[] } | null | undefined;

/** The first thing that went wrong with a mutation: a refusal the API explained, or the
 * transport's error; null when it worked. */
export function failure(payload: Payload, error?: { message: string } | null): string | null {
  return payload?.errors[0]?.message ?? error?.message ?? (payload ? null : "");
}

/** Shows the outcome as a toast and tells whether it worked. */
export function announce(payload: Payload, error: { message: string } | null | undefined, done: string): boolean {
  const problem = failure(payload, error);
  if (problem === null) {
    void message.success(done);
    return true;
  }
  void message.error(problem || "—");
  return false;
}
