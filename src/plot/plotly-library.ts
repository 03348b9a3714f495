// plotly.js for exported HTML pages: read from node_modules and put into a page once, never into an output.
//
// Why not in outputs: a saved notebook would carry the 4.8 MB library (it did, in the first chart's
// output), and re-running that cell lost the library every later chart waited for. JupyterLab and
// Notebook 7 draw from the Plotly JSON part; an exported page gets one copy (see withPlotly).

import { readFileSync } from "node:fs";

/** Marks the one <script> that carries the library, so a page is never given a second copy. */
export const PLOTLY_PAGE_MARK = "plotly.js for Backprop Lab charts";

let cached: string | undefined;

/** plotly.min.js as a <script> body that defines window.Plotly only if nothing did yet. */
export function plotlyScript(): string {
  if (cached === undefined) {
    const path = require.resolve("plotly.js-dist-min/plotly.min.js");
    const source = readFileSync(path, "utf8")
      // Nothing in the library may close the <script> element or open an HTML comment inside it.
      .replace(/<\/script/gi, "<\\/script")
      .replace(/<!--/g, "<\\!--");
    // An AMD loader on the page (require.js, which nbconvert's templates may add) would make plotly.js
    // register as a module instead of window.Plotly: hide `define` while it runs.
    cached =
      `if (typeof window.Plotly === "undefined") {\n` +
      `var __bplDefine = window.define; window.define = undefined;\n` +
      `try {\n${source}\n} finally { window.define = __bplDefine; }\n}`;
  }
  return cached;
}

/** The page with plotly.js in its <head> (before any chart's script runs); unchanged if it has it already. */
export function withPlotly(html: string): string {
  if (html.includes(PLOTLY_PAGE_MARK)) return html;
  const tag = `<script type="text/javascript">/* ${PLOTLY_PAGE_MARK} */\n${plotlyScript()}\n</script>\n`;
  const head = html.search(/<\/head>/i);
  return head >= 0 ? html.slice(0, head) + tag + html.slice(head) : tag + html;
}
