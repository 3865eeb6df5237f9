import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { LigdicashProvider } from "./LigdicashProvider";
import { PayButton } from "./PayButton";
import { mockFetch } from "./testing/mockFetch";
import { fakePopup } from "./testing/fakePopup";

// The popup's watch is code loaded on demand: here its chunk never arrives (a bad connection).
vi.mock("./watch.js", () => {
  throw new TypeError("Failed to fetch dynamically imported module");
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it("still sends the popup to the payment page when the popup code cannot load", async () => {
  const popup = fakePopup();
  vi.spyOn(window, "open").mockReturnValue(popup as unknown as Window);
  const payUrl = "https://app.ligdicash.com/pay/invoice/1";
  render(
    <LigdicashProvider fetch={mockFetch({ pay: { payUrl } })}>
      <PayButton orderId="order_42" mode="popup" />
    </LigdicashProvider>,
  );
  const button = screen.getByRole("button");
  fireEvent.click(button);
  await act(async () => {
    await vi.dynamicImportSettled();
    await vi.advanceTimersByTimeAsync(0);
  });
  expect(popup.location.replace).toHaveBeenCalledWith(payUrl);
  expect(popup.close).not.toHaveBeenCalled();
  expect(screen.queryByRole("alert")).toBeNull();
  expect(button.dataset.state).toBe("idle");
});
