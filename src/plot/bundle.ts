// A figure as one MIME bundle: Plotly JSON for front ends with the renderer (JupyterLab, Notebook 7; long
// arrays as base64 typed arrays), HTML with the figure in words (what GitHub and a JupyterLab without
// the renderer show), and text/plain in words. No output carries plotly.js or a second copy of the
// data, so saved notebooks stay small and the same figure always gives the same bundle. An HTML
// export (notebook/html-command.ts) swaps in figureHTML, which draws the chart, and adds plotly.js once.

import type { MimeBundle } from "../display/display";
import type { FigureJSON } from "./figure-json";
import { escapeHtml } from "../display/html";
import { describeFigure } from "./summary";
import { compactTrace } from "./typed-arrays";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The plain JSON object the Plotly renderer expects: data, layout, frames, config. */
export function plotlyJSON(fig: FigureJSON): FigureJSON {
  const out: FigureJSON = { data: fig.data.map(compactTrace), layout: fig.layout };
  if (fig.frames && fig.frames.length > 0) out.frames = fig.frames.map((frame) => ({ ...frame, data: frame.data.map(compactTrace) }));
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

/**
 * HTML that draws the figure once window.Plotly exists (waiting a few seconds for it), else keeps the words.
 * id (the chart's element id) must be unique within the page; the caller names it, so the same page always gives the same HTML.
 */
export function figureHTML(fig: FigureJSON, text: string, id: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new Error(`figureHTML: id must be letters, digits, "-" or "_", starting with a letter; got ${JSON.stringify(id)}`);
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

/** The figure in words as HTML: a viewer that strips scripts or has no Plotly renderer shows this. */
export function fallbackHTML(text: string): string {
  return `<div class="bpl-figure"><pre class="bpl-fallback" style="white-space:pre-wrap">${escapeHtml(text)}</pre></div>`;
}

/** One bundle: plotly JSON (an object), HTML, and a text summary. */
export function figureBundle(fig: FigureJSON): MimeBundle {
  const text = describeFigure(fig);
  return {
    [PLOTLY_MIME]: plotlyJSON(fig),
    "text/html": fallbackHTML(text),
    "text/plain": text,
  };
}
