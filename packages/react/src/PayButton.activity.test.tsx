// React 19 only (<Activity> is new in 19.2): the React 18 run leaves this file out.
import { act, fireEvent, render, screen } from "@testing-library/react";
import { Activity } from "react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { LigdicashProvider } from "./LigdicashProvider";
import { navigate } from "./navigate";
import { PayButton } from "./PayButton";
import { mockFetch } from "./testing/mockFetch";

vi.mock("./navigate", () => ({ navigate: vi.fn() }));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it("works again after <Activity> hides and shows it mid-payment (defect 5)", async () => {
  const fetch = mockFetch({
    pay: [{ payUrl: "https://app.ligdicash.com/pay/invoice/1" }],
    delay: 1000,
  });
  const app = (mode: "visible" | "hidden") => (
    <LigdicashProvider fetch={fetch}>
      <Activity mode={mode}>
        <PayButton orderId="order_42" />
      </Activity>
    </LigdicashProvider>
  );
  const view = render(app("visible"));
  const button = () => screen.getByRole("button", { hidden: true });
  fireEvent.click(button());
  expect(button().dataset.state).toBe("loading");
  view.rerender(app("hidden"));
  view.rerender(app("visible"));
  expect(button().dataset.state).toBe("idle");
  // The hidden payment was abandoned (its request aborted), and a click starts a new one.
  expect(fetch.calls[0]?.signal?.aborted).toBe(true);
  fireEvent.click(button());
  await act(() => vi.advanceTimersByTimeAsync(1000));
  expect(fetch.calls).toHaveLength(2);
  expect(navigate).toHaveBeenCalledExactlyOnceWith("https://app.ligdicash.com/pay/invoice/1");
});
