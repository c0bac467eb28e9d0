// Atkinson Hyperlegible, Harbour's typeface, in the subsets and faces Fontsource makes.
//
// The Latin regular and bold, which every screen uses, are handed to WebKit as bytes
// from this script, so they are ready before the first layout. Loaded from files by
// CSS, they arrive only after it: WebKit then lays the first frame out in fallback
// system fonts, asking fontconfig for each size and weight (about 35 ms of the start-up
// measured in BENCHMARKS.md), and lays it out again when the files come.
// Latin Extended (for Welsh ŵ and ŷ, and names such as Łucja) comes as bytes too, in
// both weights: while a face in the family is still a file not yet fetched, WebKit
// makes a stand-in for it in its last-resort font (Noto Serif, opened from disk) for
// every size and weight it lays out: about 55 ms of the web process's work at start (BENCHMARKS.md).
// The italic is needed less often: it stays a file, fetched the first time a page uses it.
import latin400 from "@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff2?inline";
import latin700 from "@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-700-normal.woff2?inline";
import latinExt400 from "@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-400-normal.woff2?inline";
import latinExt700 from "@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-700-normal.woff2?inline";
import latin400Italic from "@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-italic.woff2";
import latinExt400Italic from "@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-400-italic.woff2";

const FAMILY = "Atkinson Hyperlegible";

// Fontsource's unicode-range for each subset (@fontsource/atkinson-hyperlegible 5.3).
const LATIN =
  "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD";
const LATIN_EXT =
  "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF";

/** `Uint8Array.fromBase64`, which decodes natively, where the webview has it (WebKit 18.2 and Chromium 140 on). */
const native = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };

/** The bytes of a `data:` URL that Vite made with `?inline`. */
function bytesOf(dataUrl: string): Uint8Array<ArrayBuffer> {
  const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  if (native.fromBase64) return native.fromBase64(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Adds Harbour's faces to the page. Called once, before the first screen is mounted. */
export function addFonts(): void {
  const faces: [string | BufferSource, string, string, string][] = [
    [bytesOf(latin400), "400", "normal", LATIN],
    [bytesOf(latin700), "700", "normal", LATIN],
    [bytesOf(latinExt400), "400", "normal", LATIN_EXT],
    [bytesOf(latinExt700), "700", "normal", LATIN_EXT],
    [`url(${latin400Italic})`, "400", "italic", LATIN],
    [`url(${latinExt400Italic})`, "400", "italic", LATIN_EXT],
  ];
  for (const [source, weight, style, unicodeRange] of faces) {
    document.fonts.add(new FontFace(FAMILY, source, { weight, style, unicodeRange, display: "swap" }));
  }
}
