// A figure as one MIME bundle: Plotly JSON for front ends with the renderer (JupyterLab, Notebook 7),
// HTML that draws it on a page that has plotly.js (our HTML export puts one copy in the page) and
// shows the words summary where scripts do not run (GitHub), and text/plain in words for the rest.
// No output carries the library, so every output is small and the same figure always gives the same parts.

import type { MimeBundle } from "../kernel/display";
import type { FigureJSON } from "./figure";
import { escapeHtml } from "./format";
import { describeFigure } from "./summary";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The plain JSON object the Plotly renderer expects: data, layout, frames, config. */
export function plotlyJSON(fig: FigureJSON): FigureJSON {
  const out: FigureJSON = { data: fig.data, layout: fig.layout };
  if (fig.frames && fig.frames.length > 0) out.frames = fig.frames;
  if (fig.config) out.config = fig.config;
  return out;
}

// JSON inside <script>: "<" escaped so no "</script>" or "<!--" in the data can end the element.
function scriptJSON(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

let htmlCounter = 0;

/** HTML that draws the figure once window.Plotly exists (waiting a few seconds for it), else keeps the words. */
export function figureHTML(fig: FigureJSON, text: string): string {
  htmlCounter += 1;
  const id = `bpl-fig-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${htmlCounter}`;
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 450;
  // The fallback <pre> is what a viewer that strips scripts (GitHub) shows; drawing replaces it.
  return (
    `<div id="${id}" class="bpl-figure" style="width:100%;min-height:${height}px">` +
    `<pre class="bpl-fallback" style="white-space:pre-wrap">${escapeHtml(text)}</pre></div>\n` +
    `<script type="text/javascript">
(function () {
  var fig = ${scriptJSON(plotlyJSON(fig))};
  var tries = 0;
  function draw() {
    var el = document.getElementById(${JSON.stringify(id)});
    if (el && window.Plotly) {
      el.innerHTML = "";
      window.Plotly.newPlot(el, fig);
      return;
    }
    tries += 1;
    if (tries < 100) { setTimeout(draw, 100); return; }
    if (el) el.insertAdjacentHTML("beforeend",
      "<p><i>This chart is drawn by plotly.js, which this page does not include. " +
      "Export the notebook with <code>npx backprop-lab html NOTEBOOK.ipynb</code> to get a page that draws it offline.</i></p>");
  }
  draw();
})();
</script>`
  );
}

/** One bundle: plotly JSON (an object), HTML, and a text summary. */
export function figureBundle(fig: FigureJSON): MimeBundle {
  const text = describeFigure(fig);
  return {
    [PLOTLY_MIME]: plotlyJSON(fig),
    "text/html": figureHTML(fig, text),
    "text/plain": text,
  };
}
