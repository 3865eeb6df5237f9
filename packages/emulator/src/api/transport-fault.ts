import type { ServerResponse } from "node:http";
import type { TransportFault } from "../types.js";
import { send } from "../http/io.js";

// What a gateway in front of LigdiCash answers when the application behind it fails.
const GATEWAY_ERROR =
  "<html><head><title>500 Internal Server Error</title></head><body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body></html>";

/** JSON cut off mid-value, as a body truncated by a dropped connection looks. */
export const TRUNCATED_JSON = '{"response_code":"00","token":"","response_text":"","status":"comp';

/**
 * Fails a call the way a flaky network or server does. `timeout` answers nothing at all: the
 * request stays open until the client gives up or the emulator closes.
 */
export function answerTransportFault(res: ServerResponse, mode: TransportFault): void {
  if (mode === "500") send(res, 500, "text/html", GATEWAY_ERROR);
  else if (mode === "malformed") send(res, 200, "application/json", TRUNCATED_JSON);
}
