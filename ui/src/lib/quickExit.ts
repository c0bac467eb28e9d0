// Escape pressed twice within this many milliseconds means "hide Harbour now".
export const DOUBLE_PRESS_MS = 800;

/** Returns a key handler that calls `onExit` on a quick double press of Escape. */
export function doubleEscape(onExit: () => void, now: () => number = () => performance.now()) {
  let last = -Infinity;
  return (e: KeyboardEvent) => {
    if (e.key !== "Escape" || e.repeat) return;
    const t = now();
    if (t - last <= DOUBLE_PRESS_MS) {
      last = -Infinity;
      onExit();
    } else {
      last = t;
    }
  };
}
