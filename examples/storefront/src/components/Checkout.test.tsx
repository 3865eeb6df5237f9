import type * as Kit from "@ligdicash-kit/react";
import type { PayButtonProps } from "@ligdicash-kit/react";
import { act, fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { anOrder, controlledFetch, product, renderPage } from "../testing/fixtures";
import { Checkout } from "./Checkout";

// The kit's PayButton is tested in its own package; here it only hands its callbacks to the test.
const payButtons = vi.hoisted(() => new Map<string, PayButtonProps>());
vi.mock("@ligdicash-kit/react", async (original) => ({
  ...(await original<typeof Kit>()),
  PayButton: (props: PayButtonProps) => {
    payButtons.set(props.mode ?? "redirect", props);
    return (
      <button type="button" onClick={props.onClick}>
        {props.children ?? "Payer"}
      </button>
    );
  },
}));

async function placeOrder() {
  const server = controlledFetch();
  renderPage(<Checkout product={product} />);
  const order = screen.getByRole("button", { name: "Commander" });
  order.focus();
  fireEvent.click(order);
  await act(async () => server.last().respond(201, anOrder()));
  return server;
}

describe("Checkout", () => {
  it("after Commander, focus goes to the new order's heading, not to the page", async () => {
    await placeOrder();
    const heading = screen.getByRole("heading", { name: "Commande n° K3J9X2QA" });
    expect(document.activeElement).toBe(heading);
    expect(heading.tabIndex).toBe(-1);
  });

  it("after Modifier la commande, focus goes to the order form's heading", async () => {
    await placeOrder();
    fireEvent.click(screen.getByRole("button", { name: "Modifier la commande" }));
    expect(screen.getByRole("button", { name: "Commander" })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Votre commande" }));
  });

  it("does not move focus when the page opens", () => {
    controlledFetch();
    renderPage(<Checkout product={product} />);
    expect(document.activeElement).toBe(document.body);
  });

  it("says what happened to the popup in a status region that was there before", async () => {
    await placeOrder();
    const region = screen.getByRole("status");
    expect(region.textContent).toBe("");
    act(() => payButtons.get("popup")?.onClose?.("ord_k3J9x2QaZZZZZZZZZZZZZZZZ"));
    expect(screen.getByRole("status")).toBe(region);
    expect(region.textContent).toBe(
      "Fenêtre fermée avant la fin du paiement. Vous pouvez réessayer.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Payer dans une fenêtre" }));
    expect(region.textContent).toBe("");
    act(() => payButtons.get("popup")?.onFailed?.("ord_k3J9x2QaZZZZZZZZZZZZZZZZ"));
    expect(screen.getByRole("status")).toBe(region);
    expect(region.textContent).toBe("Le paiement a échoué. Vous pouvez réessayer.");
  });
});
