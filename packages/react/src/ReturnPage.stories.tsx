import type { Meta, StoryObj } from "@storybook/react-vite";
import { ReturnPage } from "./ReturnPage";
import { inEnglish, withMockServer } from "./testing/withMockServer";

// Every state of the return page, in French and English, against a scripted server.
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

/** Confirmed by the server after two polls. */
export const Paid: Story = { parameters: { server: { statuses: ["pending", "paid"] } } };
export const PaidEn: Story = inEnglish(Paid);

/** Failed: the retry button starts a new payment. */
export const Failed: Story = { parameters: { server: { statuses: ["failed"] } } };
export const FailedEn: Story = inEnglish(Failed);

/** Still pending when the time budget ran out (zero here), with a way to check again. */
export const StillPending: Story = {
  args: { timeout: 0 },
  parameters: { server: { statuses: ["pending", "pending", "paid"] } },
};
export const StillPendingEn: Story = inEnglish(StillPending);

/** Back through the cancel URL; the page keeps polling all the same. */
export const Cancelled: Story = {
  args: { cancelled: true },
  parameters: { server: { statuses: ["pending"] } },
};
export const CancelledEn: Story = inEnglish(Cancelled);

/** The server does not know the order. */
export const ErrorOrderNotFound: Story = {
  parameters: { server: { statuses: [{ error: "ORDER_NOT_FOUND", httpStatus: 404 }] } },
};
export const ErrorOrderNotFoundEn: Story = inEnglish(ErrorOrderNotFound);

/** No network for the whole time budget. */
export const ErrorNetwork: Story = {
  args: { timeout: 0 },
  parameters: { server: { statuses: ["network-error", "paid"] } },
};
export const ErrorNetworkEn: Story = inEnglish(ErrorNetwork);

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
