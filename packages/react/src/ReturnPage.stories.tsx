import type { Meta, StoryObj } from "@storybook/react-vite";
import { ReturnPage } from "./ReturnPage";
import { inEnglish, styled, withMockServer } from "./testing/withMockServer";

// Every state of the return page, in French and English, unstyled (the default) and with the
// optional stylesheet ("…Styled"), against a scripted server.
const meta = {
  title: "Checkout/ReturnPage",
  component: ReturnPage,
  decorators: [withMockServer],
  args: { orderId: "order_7f3a9b" },
} satisfies Meta<typeof ReturnPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Asking the server (which never answers here). */
export const Checking: Story = { parameters: { server: { delay: Infinity } } };
export const CheckingEn: Story = inEnglish(Checking);
export const CheckingStyled: Story = styled(Checking);

/** Confirmed by the server, which held the request until the payment settled; a link onward. */
export const Paid: Story = {
  args: { continueHref: "#shop" },
  parameters: { server: { wait: true, holdMs: 1500, statuses: ["pending", "paid"] } },
};
export const PaidEn: Story = inEnglish(Paid);
export const PaidStyled: Story = styled(Paid);

/** Failed: the retry button starts a new payment. */
export const Failed: Story = { parameters: { server: { statuses: ["failed"] } } };
export const FailedEn: Story = inEnglish(Failed);
export const FailedStyled: Story = styled(Failed);

/** Still pending when the time budget ran out (zero here), with a way to check again. */
export const StillPending: Story = {
  args: { timeout: 0 },
  parameters: { server: { statuses: ["pending", "pending", "paid"] } },
};
export const StillPendingEn: Story = inEnglish(StillPending);
export const StillPendingStyled: Story = styled(StillPending);

/** Back through the cancel URL; the page keeps polling all the same. */
export const Cancelled: Story = {
  args: { cancelled: true },
  parameters: { server: { statuses: ["pending"] } },
};
export const CancelledEn: Story = inEnglish(Cancelled);
export const CancelledStyled: Story = styled(Cancelled);

/** The server does not know the order. */
export const ErrorOrderNotFound: Story = {
  parameters: { server: { statuses: [{ error: "ORDER_NOT_FOUND", httpStatus: 404 }] } },
};
export const ErrorOrderNotFoundEn: Story = inEnglish(ErrorOrderNotFound);

/** No network for the whole time budget (a second here). */
export const ErrorNetwork: Story = {
  args: { timeout: 1000 },
  parameters: { server: { statuses: ["network-error", "paid"] } },
};
export const ErrorNetworkEn: Story = inEnglish(ErrorNetwork);
export const ErrorNetworkStyled: Story = styled(ErrorNetwork);

/** The kit's route is shadowed by an SPA catch-all (its index.html): an error, never a spinner. */
export const ErrorRouteShadowed: Story = { parameters: { server: { statuses: [{ html: 200 }] } } };

/** The shop's own UI for one state, the default UI for the others. */
export const CustomPaidSlot: Story = {
  args: {
    slots: {
      paid: ({ orderId }) => (
        <p>
          Merci ! La commande <strong>{orderId}</strong> est en préparation.
        </p>
      ),
    },
  },
  parameters: { server: { statuses: ["paid"] } },
};
