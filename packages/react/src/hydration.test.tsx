import { act } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, expect, it, vi } from "vitest";
import { LigdicashProvider } from "./LigdicashProvider";
import { PayButton } from "./PayButton";
import { ReturnPage } from "./ReturnPage";
import { mockFetch } from "./testing/mockFetch";

afterEach(() => {
  window.history.replaceState(null, "", "/");
});

it("hydrates server markup without a mismatch, then reads the URL and asks the server", async () => {
  const fetch = mockFetch({ statuses: ["paid"] });
  const app = (
    <LigdicashProvider fetch={fetch}>
      <PayButton orderId="order_42" amount={15000} />
      <ReturnPage />
    </LigdicashProvider>
  );
  // Markup from a server that cannot see the URL.
  const container = document.createElement("div");
  container.innerHTML = renderToString(app);
  document.body.append(container);
  window.history.replaceState(null, "", "/payment/return?order=order_42");

  const onRecoverableError = vi.fn();
  const consoleError = vi.spyOn(console, "error");
  const root = await act(async () => hydrateRoot(container, app, { onRecoverableError }));
  await vi.waitFor(() =>
    expect(container.querySelector("[role=status]")?.getAttribute("data-state")).toBe("paid"),
  );
  expect(onRecoverableError).not.toHaveBeenCalled();
  expect(consoleError).not.toHaveBeenCalled();
  expect(fetch.calls[0]?.url).toBe("/api/ligdicash/status/order_42?wait=25");
  act(() => root.unmount());
  container.remove();
});
