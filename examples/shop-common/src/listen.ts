import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A listening HTTP server and how to stop it. */
export interface RunningServer {
  /** `http://localhost:3000`, or `http://127.0.0.1:<port>` when bound to that address. */
  url: string;
  port: number;
  /** Stops listening; idle keep-alive sockets close at once, busy ones within 2 s. */
  close(): Promise<void>;
}

/** Listens on `port` (0 for a free one) and `host` (undefined for every interface). */
export async function listen(
  server: Server,
  port: number,
  host: string | undefined,
): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const wildcard = host === undefined || host === "0.0.0.0" || host === "::";
  const name = wildcard ? "localhost" : host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${name}:${actual}`,
    port: actual,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running get a moment to finish, then their sockets go too.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      return closing;
    },
  };
}
