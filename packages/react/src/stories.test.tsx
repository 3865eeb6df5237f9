import { composeStories } from "@storybook/react-vite";
import { cleanup, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import * as payButtonStories from "./PayButton.stories";
import * as returnPageStories from "./ReturnPage.stories";

// Every story is also a fixture: it must reach the state its name promises, in its language.
const payButton = composeStories(payButtonStories);
const returnPage = composeStories(returnPageStories);

function expectedState(name: string): string {
  const state = name.replace(/(En|Styled)$/, "").replace(/^Error.*/, "error");
  return { StillPending: "pending", CustomLabel: "idle", CustomPaidSlot: "paid" }[state] ?? state;
}

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
});

interface Fixture {
  run(context: { canvasElement: HTMLElement }): Promise<void>;
}
const fixtures = (stories: Record<string, Fixture>, selector: string) =>
  Object.entries(stories)
    .filter(([name]) => name !== "Popup") // opens a real window: covered by the popup tests
    .map(([name, story]) => [name, story, selector] as const);

describe("stories as fixtures", () => {
  it.each([
    ...fixtures(payButton, "[data-ligdicash=pay]"),
    ...fixtures(returnPage, "[data-ligdicash=return]"),
  ])("%s reaches its state in its language", async (name, story, selector) => {
    const canvasElement = document.body.appendChild(document.createElement("div"));
    await story.run({ canvasElement });
    await waitFor(
      () =>
        expect(canvasElement.querySelector(selector)?.getAttribute("data-state")).toBe(
          expectedState(name).toLowerCase(),
        ),
      { timeout: 4000 },
    );
    const text = canvasElement.textContent ?? "";
    const english = /pay|check|order|payment|try/i.test(text);
    const french = /payer|acheter|vérifi|commande|paiement|réessay|connexion/i.test(text);
    if (name.endsWith("En")) expect(english && !french).toBe(true);
    else expect(french).toBe(true);
  });
});
