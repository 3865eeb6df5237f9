import { PassThrough, Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BODY_LIMIT, BODY_TIMEOUT_MS, readBody, type BodySource } from "./body.js";

const json = { contentType: "application/json; charset=utf-8", contentLength: undefined };
const form = { contentType: "application/x-www-form-urlencoded", contentLength: undefined };
const stream = (text: string | Buffer): BodySource => ({
  kind: "stream",
  stream: Readable.from([Buffer.from(text)]),
});

describe("readBody", () => {
  afterEach(() => void vi.useRealTimers());

  it("reads JSON and flat forms from the stream", async () => {
    await expect(readBody(stream('{"orderId":"o1"}'), json, ["json"])).resolves.toEqual({
      type: "json",
      value: { orderId: "o1" },
    });
    const read = await readBody(stream("a=1&b=x%20y&a=2&c[0][d]=e"), form, ["form"]);
    expect(read.value).toEqual({ a: "1", b: "x y", "c[0][d]": "e" });
    expect(Object.getPrototypeOf(read.value)).toBeNull();
  });

  it("uses what a body parser already read", async () => {
    await expect(
      readBody({ kind: "parsed", value: { orderId: "o1" } }, json, ["json"]),
    ).resolves.toMatchObject({ value: { orderId: "o1" } });
    await expect(
      readBody({ kind: "parsed", value: Buffer.from('{"a":1}') }, json, ["json"]),
    ).resolves.toMatchObject({ value: { a: 1 } });
    await expect(readBody({ kind: "parsed", value: "a=1" }, form, ["form"])).resolves.toMatchObject(
      { value: { a: "1" } },
    );
  });

  it("refuses other media types before reading anything", async () => {
    for (const contentType of ["text/plain", "multipart/form-data; boundary=x", undefined]) {
      await expect(
        readBody(stream("{}"), { contentType, contentLength: undefined }, ["json"]),
      ).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });
    }
    await expect(readBody(stream("a=1"), form, ["json"])).rejects.toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
  });

  it("refuses bodies over the limit, by header or by counting", async () => {
    await expect(
      readBody(stream("{}"), { ...json, contentLength: String(BODY_LIMIT + 1) }, ["json"]),
    ).rejects.toMatchObject({ status: 413 });
    const big = `{"a":"${"x".repeat(BODY_LIMIT)}"}`;
    await expect(readBody(stream(big), json, ["json"])).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    await expect(readBody({ kind: "parsed", value: big }, json, ["json"])).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
  });

  it("refuses malformed JSON and invalid UTF-8 with a clear message", async () => {
    await expect(readBody(stream("{nope"), json, ["json"])).rejects.toMatchObject({
      code: "INVALID_REQUEST",
      message: "The body is not valid JSON.",
    });
    await expect(
      readBody(stream(Buffer.from([0x7b, 0xff, 0x7d])), json, ["json"]),
    ).rejects.toMatchObject({ message: "The body is not valid UTF-8." });
  });

  it("refuses prototype-polluting keys anywhere, in JSON, forms and parsed bodies", async () => {
    const bodies: Array<[BodySource, typeof json]> = [
      [stream('{"__proto__":{"paid":true}}'), json],
      [stream('{"custom_data":[{"constructor":{"prototype":{"x":1}}}]}'), json],
      [stream("custom_data[__proto__][x]=1"), form],
      [stream("__proto__=1"), form],
      [{ kind: "parsed", value: JSON.parse('{"a":{"__proto__":{"b":1}}}') as unknown }, json],
    ];
    for (const [source, headers] of bodies) {
      await expect(readBody(source, headers, ["json", "form"])).rejects.toMatchObject({
        code: "INVALID_REQUEST",
      });
    }
    expect(({} as Record<string, unknown>).paid).toBeUndefined();
  });

  it("bounds forms and nesting", async () => {
    const many = Array.from({ length: 300 }, (_, i) => `f${i}=1`).join("&");
    await expect(readBody(stream(many), form, ["form"])).rejects.toMatchObject({
      code: "INVALID_REQUEST",
    });
    const deep = "[".repeat(100) + "]".repeat(100);
    await expect(readBody(stream(`{"a":${deep}}`), json, ["json"])).rejects.toMatchObject({
      message: "The body is nested too deeply.",
    });
  });

  it("gives up on a body that stops arriving (a lying Content-Length) at the deadline", async () => {
    vi.useFakeTimers();
    const socket = new PassThrough();
    socket.write('{"orderId":"o');
    const read = readBody({ kind: "stream", stream: socket }, json, ["json"]);
    const settled = expect(read).rejects.toMatchObject({ code: "REQUEST_TIMEOUT", status: 408 });
    vi.advanceTimersByTime(BODY_TIMEOUT_MS);
    await settled;
    // Left open, paused: the 408 can still be written before the connection closes.
    expect(socket.destroyed).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops draining an oversized body at 8 MB and answers, leaving the connection to close", async () => {
    const socket = new PassThrough();
    const read = readBody({ kind: "stream", stream: socket }, json, ["json"]);
    const megabyte = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 9; i++) socket.write(megabyte);
    await expect(read).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(socket.destroyed).toBe(false);
  });

  it("treats a connection closed mid-body as the client's doing (a 4xx), not an error", async () => {
    for (const leave of [
      (s: PassThrough) => s.destroy(),
      (s: PassThrough) => s.destroy(Object.assign(new Error("aborted"), { code: "ECONNRESET" })),
    ]) {
      const socket = new PassThrough();
      socket.write('{"orderId":"o');
      const read = readBody({ kind: "stream", stream: socket }, json, ["json"]);
      leave(socket);
      await expect(read).rejects.toMatchObject({ code: "INVALID_REQUEST", status: 400 });
    }
  });

  it("refuses an array 6,000 deep that a body parser already decoded, without overflowing", async () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 6_000; i++) deep = [deep];
    await expect(readBody({ kind: "parsed", value: deep }, json, ["json"])).rejects.toMatchObject({
      code: "INVALID_REQUEST",
      message: "The body is nested too deeply.",
    });
  });

  it("refuses keys with a forbidden segment anywhere, in JSON, forms and parsed bodies", async () => {
    const keys = [
      "__proto__[polluted]",
      "a[__proto__]",
      "a[__proto__][polluted]",
      "constructor[prototype]",
      "a.__proto__.polluted",
      "custom_data[0][constructor]",
      "prototype",
    ];
    for (const key of keys) {
      const sources: Array<[BodySource, typeof json]> = [
        [stream(JSON.stringify({ [key]: "yes" })), json],
        [stream(`${encodeURIComponent(key)}=yes&a=1`), form],
        [{ kind: "parsed", value: { nested: [{ [key]: "yes" }] } }, json],
      ];
      for (const [source, headers] of sources) {
        await expect(readBody(source, headers, ["json", "form"])).rejects.toMatchObject({
          code: "INVALID_REQUEST",
        });
      }
    }
  });

  it("reads UTF-8 only: another charset is an unsupported media type", async () => {
    for (const contentType of [
      "application/json; charset=UTF-8",
      'application/json; charset="utf-8"',
      "application/json;charset=us-ascii",
    ]) {
      await expect(
        readBody(stream('{"a":1}'), { contentType, contentLength: undefined }, ["json"]),
      ).resolves.toMatchObject({ value: { a: 1 } });
    }
    for (const contentType of [
      "application/json; charset=utf-16le",
      "application/json; charset=utf-7",
      "application/x-www-form-urlencoded; charset=iso-8859-1",
    ]) {
      await expect(
        readBody(stream("{}"), { contentType, contentLength: undefined }, ["json", "form"]),
      ).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    }
  });

  it("bounds the entries of a parsed body as it bounds form fields", async () => {
    const flood = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, "1"]));
    await expect(readBody({ kind: "parsed", value: flood }, form, ["form"])).rejects.toMatchObject({
      code: "INVALID_REQUEST",
    });
  });
});
