import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encodeRequest, openRaw } from "./raw-http.js";
import { FRAMEWORKS, MOUNTS, startShop } from "./shop.js";

// Anything that escapes the kit: a crash in waiting.
const escaped: unknown[] = [];
const record = (error: unknown) => void escaped.push(error);
beforeAll(() => {
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
});
afterAll(() => {
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
});

describe.each(FRAMEWORKS)("%s", (framework) => {
  it("a client that drops the connection mid-body leaves the process up and logs no error; middleware writes nothing", async () => {
    // A Web handler returns a Response whatever happens; its server writes it to the closed socket.
    const writesAnswer = MOUNTS[framework].web;
    // No LigdiCash call is made: nothing gets past reading the body.
    const shop = await startShop({ framework, apiUrl: "http://127.0.0.1:9" });
    try {
      const port = (shop.server.address() as AddressInfo).port;
      for (const route of ["pay", "callback", "pay", "callback"]) {
        const arrived = once(shop.server, "request") as Promise<[IncomingMessage, ServerResponse]>;
        const request = encodeRequest(
          {
            method: "POST",
            path: `/api/ligdicash/${route}`,
            headers: { "content-type": "application/json", "content-length": "1000" },
            body: '{"orderId":"order_',
          },
          `127.0.0.1:${port}`,
        );
        const { socket, response } = openRaw(port, request);
        const [incoming, outgoing] = await arrived;
        const writes = [
          vi.spyOn(outgoing, "writeHead"),
          vi.spyOn(outgoing, "write"),
          vi.spyOn(outgoing, "end"),
        ];
        const closed = new Promise((resolve) => incoming.once("close", resolve));
        socket.destroy();
        await closed;
        expect(await response).toBeNull();
        // A full round trip on a new connection: the kit has long finished with the old one.
        expect(await (await shop.request("/hello")).text()).toBe("hello from the shop");
        if (!writesAnswer) for (const write of writes) expect(write).not.toHaveBeenCalled();
      }
      expect(shop.logs.filter((line) => line.startsWith("error "))).toEqual([]);
      expect(escaped).toEqual([]);
    } finally {
      await shop.close();
    }
  });
});
