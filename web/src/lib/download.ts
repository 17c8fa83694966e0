import { accessToken } from "./auth";
import { refresh } from "./client";

/** Opens a document the API serves behind the Authorization header (a plain link has none). */
export async function openDocument(url: string): Promise<void> {
  const token = await accessToken(refresh);
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`${response.status}`);
  const blobUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = blobUrl;
  link.download = url.split("/").pop()?.split("?")[0] ?? "document.pdf";
  link.click();
  setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
}
