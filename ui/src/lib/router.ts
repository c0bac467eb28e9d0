// Hash routes: the address never leaves the bundled page, so the webview's
// navigation guard is never asked about an in-app move.
export const routes = ["agreements", "guides", "log", "help", "agency", "family", "settings"] as const;
export type Route = (typeof routes)[number];
export const defaultRoute: Route = "help";

export function parseRoute(hash: string): Route {
  // "#/guides/snapchat" is the guides route, opened at one guide.
  const name = hash.replace(/^#\/?/, "").split("/")[0];
  return (routes as readonly string[]).includes(name) ? (name as Route) : defaultRoute;
}

export function href(route: Route): string {
  return `#/${route}`;
}

/** The guide named in "#/guides/<id>", if any. */
export function guideInHash(hash: string): string | null {
  return /^#\/guides\/([a-z0-9-]+)$/.exec(hash)?.[1] ?? null;
}

export function guideHref(id: string): string {
  return `#/guides/${id}`;
}

/** Get help, opened at one situation. */
export function helpHref(situation: string): string {
  return `#/help/${situation}`;
}

/** The situation named in "#/help/<id>", if any. */
export function situationInHash(hash: string): string | null {
  return /^#\/help\/([a-z0-9-]+)$/.exec(hash)?.[1] ?? null;
}
