"use client";
// The storefront's pages (the same as the Vite storefront's) on Next.js's router.
import { Shell, type Navigator } from "@ligdicash-kit/example-storefront/pages";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, type ReactNode } from "react";

export {
  AdminPage,
  NotFound,
  OrderPage,
  PaymentReturn,
  ProductPage,
} from "@ligdicash-kit/example-storefront/pages";

/** The storefront's frame (language, the kit's provider, header, footer) with Next.js's router. */
export function Storefront({ children }: { children: ReactNode }) {
  const router = useRouter();
  const path = usePathname();
  const query = useSearchParams().toString();
  const href = query ? `${path}?${query}` : path;
  // Next.js re-renders this component on each navigation: a new snapshot each time.
  const navigator = useMemo<Navigator>(
    () => ({
      subscribe: () => () => {},
      href: () => href,
      navigate: (to) => router.push(to),
    }),
    [href, router],
  );
  return (
    <Shell navigator={navigator} locale="fr">
      {children}
    </Shell>
  );
}
