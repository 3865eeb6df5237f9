import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EmulatorCore } from "./core.js";
import { resolveOptions, urlHost } from "./options.js";
import { route } from "./router.js";
import type { Emulator, EmulatorOptions } from "./types.js";

/**
 * Starts a local, stateful LigdiCash on loopback.
 *
 * @example
 * const emulator = await startEmulator({ port: 0 });
 * // point the shop at it: apiUrl = emulator.url, apiKey "emulator-api-key", authToken "emulator-auth-token"
 * await emulator.settle(emulator.invoices()[0]!.id, "completed");
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const config = resolveOptions(options);
  const core = new EmulatorCore(config);
  const server = createServer((req, res) => void route(core, req, res));
  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(config.host)}:${port}`;
  core.publicUrl = config.publicUrl ?? url;

  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= new Promise((resolve) => {
        core.dispatcher.cancelAll();
        core.payouts.cancelTimers();
        server.close(() => resolve());
        // Hanging requests (timeout faults) and idle keep-alive sockets would hold close() forever.
        server.closeAllConnections();
      });
      return closing;
    },
    invoices: () => core.invoices.list(),
    callbacks: () => core.dispatcher.deliveries(),
    settle: (idOrToken, status, settleOptions) => core.settle(idOrToken, status, settleOptions),
    setFaults: (faults) => core.faults.setFaults(faults),
    setQuirks: (quirks) => core.faults.setQuirks(quirks),
    patchInvoice: (idOrToken, patch) => core.patchInvoice(idOrToken, patch),
    payouts: () => core.payouts.book.list(),
    payoutCallbacks: () => core.dispatcher.payoutDeliveries(),
    settlePayout: (idOrToken, status) => core.payouts.settle(idOrToken, status),
    balances: () => core.payouts.balances.list(),
    fundOperator: (operatorId, amount) => core.payouts.balances.credit(operatorId, amount),
    setBalance: (operatorId, balance) => core.payouts.balances.set(operatorId, balance),
    setWalletAccount: (customer, registered) => core.payouts.setWalletAccount(customer, registered),
    reset: () => core.reset(),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
