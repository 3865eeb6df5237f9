import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "@ligdicash-kit/example-storefront/styles.css";
import { Storefront } from "./storefront";

export const metadata: Metadata = {
  title: "Faso Artisans",
  description:
    "Pagnes Faso Dan Fani, beurre de karité et chapeaux de Saponé, payés par mobile money avec LigdiCash.",
  icons: { icon: { url: "/images/logo.svg", type: "image/svg+xml" } },
};

export const viewport: Viewport = { themeColor: "#b5502f" };

// Every page shows live orders and payments: rendered on each request, never at build time.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="fr">
      <body>
        <Storefront>{children}</Storefront>
      </body>
    </html>
  );
}
