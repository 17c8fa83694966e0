import react from "@vitejs/plugin-react";
import { loadEnv } from "vite";
import { defineConfig } from "vitest/config";

// `npm run dev` proxies the API to VITE_API_ORIGIN (default: the server `make run` starts), so
// the storefront talks to its own origin in development as in production: no CORS needed.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "");
  const api = env.VITE_API_ORIGIN || "http://127.0.0.1:8000";
  const proxied = { target: api, changeOrigin: true };
  return {
    plugins: [react()],
    server: {
      port: 5173,
      proxy: {
        "/graphql": {
          ...proxied,
          ws: true,
          // The API accepts a websocket only from its own origin (or CORS_ORIGINS).
          configure: (proxy) => proxy.on("proxyReqWs", (request) => request.setHeader("origin", api)),
        },
        "/documents": proxied,
      },
    },
    build: { chunkSizeWarningLimit: 1200 },
    test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"], setupFiles: ["src/test-setup.ts"] },
  };
});
