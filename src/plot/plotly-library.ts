// plotly.js for HTML outputs: read once from node_modules and embedded in at most one output per kernel.
//
// Why once: every nbconvert'd page contains every output's HTML, so the first figure's output
// carries the 4.8 MB library and later figures wait for window.Plotly instead of repeating it.

import { readFileSync } from "node:fs";

// A global flag, not a module variable: it must mean "this kernel process", even if the module loads twice.
const EMBEDDED_KEY = Symbol.for("backprop-lab.plotlyEmbedded");
type Holder = { [EMBEDDED_KEY]?: boolean };

let cached: string | undefined;

/** plotly.min.js as a <script> body that defines window.Plotly only if nothing did yet. */
export function plotlyScript(): string {
  if (cached === undefined) {
    const path = require.resolve("plotly.js-dist-min/plotly.min.js");
    const source = readFileSync(path, "utf8")
      // Nothing in the library may close the <script> element or open an HTML comment inside it.
      .replace(/<\/script/gi, "<\\/script")
      .replace(/<!--/g, "<\\!--");
    cached = `if (typeof window.Plotly === "undefined") {\n${source}\n}`;
  }
  return cached;
}

/** True the first time per process: the caller embeds the library and marks it done. */
export function claimPlotlyEmbedding(): boolean {
  const holder = globalThis as Holder;
  if (holder[EMBEDDED_KEY]) return false;
  holder[EMBEDDED_KEY] = true;
  return true;
}

/** For tests: forget that the library was embedded. */
export function resetPlotlyEmbedding(): void {
  (globalThis as Holder)[EMBEDDED_KEY] = false;
}
