import { fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderPage } from "../testing/fixtures";
import { QuantityPicker } from "./QuantityPicker";

// The picker inside a page that keeps the quantity and shows what it would order.
function setup(start = 1) {
  const onChange = vi.fn<(value: number) => void>();
  function Page() {
    const [quantity, setQuantity] = useState(start);
    return (
      <>
        <QuantityPicker
          value={quantity}
          max={10}
          onChange={(next) => {
            onChange(next);
            setQuantity(next);
          }}
        />
        <output data-testid="ordered">{quantity}</output>
      </>
    );
  }
  renderPage(<Page />);
  const field = screen.getByLabelText<HTMLInputElement>("Quantité");
  return {
    field,
    onChange,
    ordered: () => Number(screen.getByTestId("ordered").textContent),
    type: (text: string) => fireEvent.change(field, { target: { value: text } }),
    plus: screen.getByRole("button", { name: "Augmenter la quantité" }),
    minus: screen.getByRole("button", { name: "Diminuer la quantité" }),
  };
}

describe("QuantityPicker", () => {
  it("lets the shopper clear the field and type another number: Backspace then 3 orders 3", () => {
    const { field, type, ordered } = setup(1);
    type("");
    expect(field.value).toBe("");
    expect(ordered()).toBe(1);
    type("3");
    expect(field.value).toBe("3");
    expect(ordered()).toBe(3);
    fireEvent.blur(field);
    expect(field.value).toBe("3");
    expect(ordered()).toBe(3);
  });

  it("never rewrites what is being typed; clamps it when the field is left", () => {
    const { field, type, ordered, onChange } = setup(2);
    type("1");
    type("12");
    expect(field.value).toBe("12");
    expect(ordered()).toBe(1);
    type("0");
    expect(field.value).toBe("0");
    fireEvent.blur(field);
    expect(field.value).toBe("1");
    type("25");
    fireEvent.blur(field);
    expect(field.value).toBe("10");
    expect(ordered()).toBe(10);
    expect(onChange.mock.calls.map(([n]) => n)).toEqual([1, 10]);
  });

  it("goes back to the last quantity when the field is left empty", () => {
    const { field, type, ordered } = setup(4);
    type("");
    fireEvent.blur(field);
    expect(field.value).toBe("4");
    expect(ordered()).toBe(4);
  });

  it("steps from what is typed with − and +, between 1 and the maximum", () => {
    const { field, type, ordered, plus, minus } = setup(1);
    expect(minus).toHaveProperty("disabled", true);
    type("7");
    fireEvent.click(plus);
    expect([field.value, ordered()]).toEqual(["8", 8]);
    type("40");
    expect(plus).toHaveProperty("disabled", true);
    fireEvent.click(minus);
    expect([field.value, ordered()]).toEqual(["9", 9]);
    fireEvent.click(plus);
    expect([field.value, ordered()]).toEqual(["10", 10]);
    expect(plus).toHaveProperty("disabled", true);
  });
});
