// Hash routes: the address never leaves the bundled page, so the webview's
// navigation guard is never asked about an in-app move.
export const routes = ["agreements", "guides", "log", "help", "family", "settings"] as const;
export type Route = (typeof routes)[number];
export const defaultRoute: Route = "help";

export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, "");
  return (routes as readonly string[]).includes(name) ? (name as Route) : defaultRoute;
}

export function href(route: Route): string {
  return `#/${route}`;
}
