import type { Meta, StoryObj } from "@storybook/react-vite";
import { within } from "@testing-library/dom";
import { useState } from "react";
import { PayButton } from "./PayButton";
import { DEMO_STATUS_KEY, demoPageUrl } from "./testing/demo";
import type { MockAnswer } from "./testing/mockFetch";
import { inEnglish, styled, withMockServer } from "./testing/withMockServer";

// Every state of the button, in French and English, unstyled (the default) and with the
// optional stylesheet ("…Styled"), against a scripted server.
const meta = {
  title: "Checkout/PayButton",
  component: PayButton,
  decorators: [withMockServer],
  args: { orderId: "order_7f3a9b", amount: 15000 },
  parameters: { server: { pay: { payUrl: "https://checkout.ligdicash.test/invoice/demo" } } },
} satisfies Meta<typeof PayButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ready: label from the locale, amount formatted in XOF. */
export const Idle: Story = {};
export const IdleEn: Story = inEnglish(Idle);
export const IdleStyled: Story = styled(Idle);

/** A label of the shop's own. */
export const CustomLabel: Story = { args: { children: "Acheter maintenant", amount: undefined } };

/** Clicked: the server has not answered yet (it never does here). */
export const Loading: Story = {
  parameters: { server: { delay: Infinity } },
  play: ({ canvasElement }) => within(canvasElement).getByRole("button").click(),
};
export const LoadingEn: Story = inEnglish(Loading);
export const LoadingStyled: Story = styled(Loading);

function failingWith(pay: MockAnswer): Story {
  return {
    parameters: { server: { pay } },
    play: async ({ canvasElement }) => {
      within(canvasElement).getByRole("button").click();
      await within(canvasElement).findByRole("alert");
    },
  };
}

/** The server does not know the order. */
export const ErrorOrderNotFound = failingWith({ error: "ORDER_NOT_FOUND", httpStatus: 404 });
export const ErrorOrderNotFoundEn: Story = inEnglish(ErrorOrderNotFound);

/** Paid already, and the shop does not listen for onPaid. */
export const ErrorAlreadyPaid = failingWith({ error: "ALREADY_PAID", httpStatus: 409 });
export const ErrorAlreadyPaidEn: Story = inEnglish(ErrorAlreadyPaid);

/** LigdiCash cannot be reached by the server. */
export const ErrorUnavailable = failingWith({ error: "LIGDICASH_UNAVAILABLE", httpStatus: 503 });
export const ErrorUnavailableEn: Story = inEnglish(ErrorUnavailable);
export const ErrorUnavailableStyled: Story = styled(ErrorUnavailable);

/** The shopper's connection dropped. */
export const ErrorNetwork = failingWith("network-error");
export const ErrorNetworkEn: Story = inEnglish(ErrorNetwork);

/**
 * Popup mode, end to end: the popup shows a pretend LigdiCash page; pay or fail there, and this
 * window learns the outcome from its own status poll (woken by the return page in the popup).
 */
export const Popup: Story = {
  args: { mode: "popup" },
  parameters: {
    server: { pay: { payUrl: demoPageUrl("page") }, sharedStatusKey: DEMO_STATUS_KEY },
  },
  render: function PopupDemo(args) {
    const [outcome, setOutcome] = useState("");
    return (
      <>
        <PayButton
          {...args}
          onClick={() => localStorage.removeItem(DEMO_STATUS_KEY)}
          onPaid={() => setOutcome("onPaid")}
          onFailed={() => setOutcome("onFailed")}
          onClose={() => setOutcome("onClose")}
        />
        <output>{outcome}</output>
      </>
    );
  },
};
