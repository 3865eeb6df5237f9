import { adminContract, shopContract } from "@ligdicash-kit/example-shop-common/testing";
import { startStore } from "../server.mjs";

const CRON_SECRET = "contract-cron-secret-0123456789";
// The shop's processes inherit it: the route handler reads LIGDICASH_CRON_SECRET.
process.env.LIGDICASH_CRON_SECRET = CRON_SECRET;

// The contract of the Express and Koa shops, on `next start`: with a cron route in place of the
// background reconciler, and pages Next.js renders in place of the storefront's files.
shopContract("Next.js", startStore, { cronSecret: CRON_SECRET, pages: "rendered" });
// The same admin; without CLIENT_IP_HEADER its login throttle counts every client as one.
adminContract("Next.js", startStore);
