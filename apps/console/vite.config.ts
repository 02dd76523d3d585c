import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

/** Where `pnpm --filter @comensha/console dev` sends API calls: the API of `npm start`. */
const apiOrigin = "http://localhost:3000";

export default defineConfig({
  plugins: [solid()],
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
