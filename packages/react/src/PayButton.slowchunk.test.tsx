import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { LigdicashProvider } from "./LigdicashProvider";
import { PayButton } from "./PayButton";
import { mockFetch } from "./testing/mockFetch";
import { fakePopup } from "./testing/fakePopup";

// The popup's watch is code loaded on demand: here it arrives only when the test lets it.
const chunk: { arrive?: () => void } = {};
vi.mock("./watch.js", async (importOriginal) => {
  await new Promise<void>((resolve) => (chunk.arrive = resolve));
  return importOriginal();
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it("leaves alone a payment ended while the popup code was loading, and carries on the next one", async () => {
  const [first, second] = [fakePopup(), fakePopup()];
  vi.spyOn(window, "open")
    .mockReturnValueOnce(first as unknown as Window)
    .mockReturnValueOnce(second as unknown as Window);
  const fetch = mockFetch({
    pay: [
      { payUrl: "https://app.ligdicash.com/pay/1" },
      { payUrl: "https://app.ligdicash.com/pay/2" },
    ],
    statuses: ["pending", "paid"],
  });
  const onPaid = vi.fn();
  render(
    <LigdicashProvider fetch={fetch}>
      <PayButton orderId="order_42" mode="popup" onPaid={onPaid} />
    </LigdicashProvider>,
  );
  const button = screen.getByRole("button");
  fireEvent.click(button);
  // The server has answered; the popup code has not arrived yet. Back through the
  // back/forward cache: the payment is over, and its empty popup closed.
  await act(() => vi.advanceTimersByTimeAsync(0));
  act(() => {
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
  });
  expect(first.close).toHaveBeenCalled();
  expect(button.dataset.state).toBe("idle");
  fireEvent.click(button);
  await act(async () => {
    chunk.arrive?.();
    await vi.dynamicImportSettled();
    await vi.advanceTimersByTimeAsync(0);
  });
  // The code arrived for both: the ended payment goes nowhere, the next one is watched.
  expect(first.location.replace).not.toHaveBeenCalled();
  expect(second.location.replace).toHaveBeenCalledExactlyOnceWith(
    "https://app.ligdicash.com/pay/2",
  );
  expect(button.dataset.state).toBe("loading");
  await act(() => vi.advanceTimersByTimeAsync(2000));
  expect(onPaid).toHaveBeenCalledExactlyOnceWith("order_42");
  expect(second.close).toHaveBeenCalled();
  expect(button.dataset.state).toBe("idle");
});
