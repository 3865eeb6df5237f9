import {
  createContext,
  useContext,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
} from "react";

/** Where the storefront is and how it moves: the History API by default, a framework's router otherwise. */
export interface Navigator {
  /** Calls `listener` after each navigation; returns the unsubscribe. */
  subscribe: (listener: () => void) => () => void;
  /** The current path and query string, e.g. `/payment/return?order=ord_…`. */
  href: () => string;
  /** Goes to another page of the storefront without reloading. */
  navigate: (to: string) => void;
}

// A handful of pages needs no router library: the History API and one event.
const historyNavigator: Navigator = {
  subscribe: (listener) => {
    addEventListener("popstate", listener);
    return () => removeEventListener("popstate", listener);
  },
  href: () => location.pathname + location.search,
  navigate: (to) => {
    history.pushState(null, "", to);
    dispatchEvent(new PopStateEvent("popstate"));
    scrollTo(0, 0);
  },
};

const NavigatorContext = createContext<Navigator>(historyNavigator);

/** Gives the storefront's pages another router (Next.js's in the Next.js shop). */
export const NavigatorProvider = NavigatorContext.Provider;

/** The current path and query string; re-renders on navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const navigator = useContext(NavigatorContext);
  const href = useSyncExternalStore(navigator.subscribe, navigator.href, navigator.href);
  // Only the path and the query are read: any base will do, on the server too.
  const url = new URL(href, "http://storefront.invalid");
  return { path: url.pathname, search: url.searchParams };
}

/** The function that goes to another page of the storefront without reloading. */
export function useNavigate(): (to: string) => void {
  return useContext(NavigatorContext).navigate;
}

/** A link to a storefront page; a modified click (new tab) stays a normal link. */
export function Link({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const navigate = useNavigate();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
