/** Runs `f` just after the next frame is painted (or soon, where nothing paints, as in tests). */
export function afterFirstFrame(f: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(f));
  else setTimeout(f);
}
