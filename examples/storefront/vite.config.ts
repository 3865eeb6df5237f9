import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev` serves the storefront with hot reload and sends the API to a running shop
// (`npm start` at the root, or any shop set in SHOP_URL).
const shop = process.env.SHOP_URL ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  // The shops serve dist/ to anyone: no source maps in it.
  build: { outDir: "dist", sourcemap: false },
  server: { proxy: { "/api": { target: shop, changeOrigin: false } } },
});
