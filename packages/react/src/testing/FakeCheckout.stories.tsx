import type { Meta, StoryObj } from "@storybook/react-vite";
import { ReturnPage } from "../ReturnPage";
import { DEMO_STATUS_KEY, demoPageUrl } from "./demo";
import { withMockServer } from "./withMockServer";

const ORDER = "order_7f3a9b";

// Stands in for LigdiCash's hosted page inside the popup story: no network, no account.
const meta = {
  title: "Demo/Pretend LigdiCash",
  decorators: [withMockServer],
  parameters: { server: { sharedStatusKey: DEMO_STATUS_KEY } },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

function settle(status: "paid" | "failed" | "cancelled") {
  if (status !== "cancelled") localStorage.setItem(DEMO_STATUS_KEY, status);
  // LigdiCash sends the shopper to the shop's return URL (or cancel URL) when done.
  location.assign(demoPageUrl("return", status === "cancelled" ? "&cancelled=1" : ""));
}

/** The hosted payment page: pick an outcome. */
export const Page: Story = {
  render: () => (
    <main>
      <h1>LigdiCash (pretend)</h1>
      <p>Commande {ORDER} : 15 000 F CFA</p>
      <button type="button" onClick={() => settle("paid")}>
        Payer
      </button>{" "}
      <button type="button" onClick={() => settle("failed")}>
        Échec
      </button>{" "}
      <button type="button" onClick={() => settle("cancelled")}>
        Annuler
      </button>
    </main>
  ),
};

/** The shop's return page as the popup shows it (it reads `cancelled=1` from the URL). */
export const Return: Story = { render: () => <ReturnPage orderId={ORDER} /> };
