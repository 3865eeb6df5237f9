import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** @type {import('next').NextConfig} */
export default {
  reactStrictMode: true,
  poweredByHeader: false,
  // The storefront's pages are TypeScript sources in the workspace.
  transpilePackages: ["@ligdicash-kit/example-storefront"],
  // Native and connection-holding modules stay plain Node requires on the server.
  serverExternalPackages: ["better-sqlite3", "pg", "ioredis"],
  // The workspace root, where npm hoists the dependencies.
  turbopack: { root },
  outputFileTracingRoot: root,
};
