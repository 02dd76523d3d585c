import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

/** Where `pnpm --filter @comensha/console dev` sends API calls: the API of `npm start`. */
const apiOrigin = "http://localhost:3000";

export default defineConfig({
  plugins: [solid()],
  resolve: {
    // The SDK from its sources, like the other workspace packages: a fresh clone builds the console without
    // building the SDK first, and `pnpm dev` picks up changes to the SDK at once.
    alias: { "@comensha/sdk": fileURLToPath(new URL("../../packages/sdk/src/index.ts", import.meta.url)) },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/v1": { target: apiOrigin, changeOrigin: false },
      "/health": { target: apiOrigin, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: "dist",
    target: "es2022",
    // No source maps in the build: they would publish the sources next to the app.
    sourcemap: false,
    assetsInlineLimit: 0,
  },
});
