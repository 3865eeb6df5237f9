import { render } from "@testing-library/react";
import { version } from "react";
import { version as domVersion } from "react-dom";
import { expect, it } from "vitest";
import { PayButton } from "./PayButton";

// `npm test` runs the suite twice, on React 19 and on React 18: each run checks it got its own.
it("runs against the React it was asked for, renderer included", () => {
  const major = process.env.REACT_MAJOR;
  expect(version.split(".")[0]).toBe(major);
  expect(domVersion.split(".")[0]).toBe(major);
  const { getByRole } = render(<PayButton orderId="order_42" />);
  expect(getByRole("button").textContent).toBe("Payer");
});
