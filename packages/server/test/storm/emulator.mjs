// The storm's LigdiCash, in its own process so that its work does not share the event loop that
// times the storm's requests. The parent drives it through its control API. argv[2]: settings JSON.
import { startEmulator } from "@ligdicash-kit/emulator";

const { apiKey, authToken } = JSON.parse(process.argv[2]);
const emulator = await startEmulator({
  port: 0,
  apiKey,
  authToken,
  // Callbacks retried quickly, a bounded number of times: an instance killed mid-answer is replaced.
  callbackRetry: { attempts: 5, baseDelayMs: 200, maxDelayMs: 2_000, timeoutMs: 5_000 },
});
process.on("SIGTERM", () => void emulator.close().then(() => process.exit(0)));
process.on("disconnect", () => process.exit(1));
process.send({ type: "ready", url: emulator.url });
