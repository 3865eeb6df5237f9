import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The README's proxy setup: the browser sees one origin, /api goes to the shop.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": process.env.SHOP_URL ?? "http://localhost:3000" } },
});
