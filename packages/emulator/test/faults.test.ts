import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/index.js";
import { AUTH, CONFIRM, CREATE, createInvoice, docCreateBody, postCreate } from "./helpers.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());
afterEach(() => emulator.reset());

const confirm = (token: string, signal?: AbortSignal) =>
  fetch(`${emulator.url}${CONFIRM}/?invoiceToken=${token}`, { headers: AUTH, signal });
const create = (signal?: AbortSignal) =>
  fetch(`${emulator.url}${CREATE}`, {
    method: "POST",
    headers: { ...AUTH, "Content-Type": "application/json" },
    body: JSON.stringify(docCreateBody()),
    signal,
  });

/** Whether the server leaves a request unanswered for `ms` (the client gives up first). */
async function unanswered(
  send: (signal: AbortSignal) => Promise<Response>,
  ms = 300,
): Promise<boolean> {
  try {
    await send(AbortSignal.timeout(ms));
    return false;
  } catch (error) {
    return (error as Error).name === "TimeoutError";
  }
}

describe("confirm faults", () => {
  it("500: the next N confirms fail with HTTP 500, then confirm works again", async () => {
    const { token } = await createInvoice(emulator);
    emulator.setFaults({ confirm: { mode: "500", count: 2 } });
    expect((await confirm(token)).status).toBe(500);
    expect((await confirm(token)).status).toBe(500);
    const res = await confirm(token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("pending");
  });

  it("malformed: HTTP 200 with a JSON body cut short", async () => {
    const { token } = await createInvoice(emulator);
    emulator.setFaults({ confirm: { mode: "malformed", count: 1 } });
    const res = await confirm(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    await expect(res.json()).rejects.toThrow(SyntaxError);
    expect((await confirm(token)).status).toBe(200);
  });

  it("timeout: no answer at all, until the client gives up", async () => {
    const { token } = await createInvoice(emulator);
    emulator.setFaults({ confirm: { mode: "timeout", count: 1 } });
    expect(await unanswered((signal) => confirm(token, signal))).toBe(true);
    expect((await confirm(token)).status).toBe(200);
  });

  it("applies to the confirm endpoint only", async () => {
    emulator.setFaults({ confirm: { mode: "500", count: 1 } });
    expect((await postCreate(emulator, docCreateBody())).response_code).toBe("00");
  });
});

describe("create faults", () => {
  it("refuse: HTTP 200 with Echec (Code09) by default, or the code given", async () => {
    emulator.setFaults({ create: { mode: "refuse", count: 1 } });
    expect(await (await create()).json()).toEqual({
      response_code: "01",
      token: "",
      response_text: "Echec (Code09)",
      description: "",
      wiki: "https://client.ligdicash.com/wiki/createInvoice",
    });
    emulator.setFaults({ create: { mode: "refuse", count: 1, code: "03" } });
    expect(await (await create()).json()).toMatchObject({ response_text: "Echec (Code03)" });
    expect(await (await create()).json()).toMatchObject({ response_code: "00" });
    expect(emulator.invoices()).toHaveLength(1);
  });

  it("500, malformed and timeout fail the call without creating an invoice", async () => {
    emulator.setFaults({ create: { mode: "500", count: 1 } });
    expect((await create()).status).toBe(500);
    emulator.setFaults({ create: { mode: "malformed", count: 1 } });
    await expect((await create()).json()).rejects.toThrow(SyntaxError);
    emulator.setFaults({ create: { mode: "timeout", count: 1 } });
    expect(await unanswered((signal) => create(signal))).toBe(true);
    expect(emulator.invoices()).toEqual([]);
  });

  it("rejects faults that make no sense", () => {
    expect(() => emulator.setFaults({ confirm: { mode: "500", count: 0 } })).toThrow(/count/);
    expect(() => emulator.setFaults({ create: { mode: "explode" as "500", count: 1 } })).toThrow(
      /mode/,
    );
    expect(() => emulator.setFaults({ create: { mode: "refuse", count: 1, code: "x" } })).toThrow(
      /code/,
    );
  });
});

describe("close()", () => {
  it("resolves promptly while a request hangs on a timeout fault, and cuts that request", async () => {
    let arrived: () => void = () => {};
    const hanging = new Promise<void>((resolve) => (arrived = resolve));
    const doomed = await startEmulator({
      port: 0,
      log: (line) => line.includes("timeout (fault)") && arrived(),
    });
    doomed.setFaults({ confirm: { mode: "timeout", count: 1 } });
    const outcome = new Promise<string>((resolve) => {
      const req = request(`${doomed.url}${CONFIRM}/?invoiceToken=x`, { headers: AUTH });
      req.on("response", () => resolve("answered"));
      req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      req.end();
    });
    await hanging;
    await doomed.close();
    expect(await outcome).toBe("ECONNRESET");
    await expect(fetch(`${doomed.url}/`)).rejects.toThrow();
  });

  it("can be called twice", async () => {
    const twice = await startEmulator({ port: 0 });
    await Promise.all([twice.close(), twice.close()]);
    await twice.close();
  });
});
