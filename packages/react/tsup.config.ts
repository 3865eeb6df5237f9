import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  // Peers stay imports: the shop's own React is the only one on the page.
  external: ["react", "react-dom", "react/jsx-runtime"],
});
