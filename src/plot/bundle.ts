// A figure as one MIME bundle: Plotly JSON for front ends with the renderer, HTML that draws it
// with an embedded plotly.js elsewhere (JupyterLab without the extension, nbconvert pages), and
// text/plain in words for everything else.

import type { MimeBundle } from "../kernel/display";
import type { FigureJSON } from "./figure";
import { escapeHtml } from "./format";
import { claimPlotlyEmbedding, plotlyScript } from "./plotly-library";
import { describeFigure } from "./summary";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

export interface BundleOptions {
  /** Force (true) or forbid (false) embedding plotly.js; default: only the first figure per kernel. */
  embedLibrary?: boolean;
}

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

/** HTML that draws the figure once window.Plotly exists (waiting up to a minute for it). */
export function figureHTML(fig: FigureJSON, text: string, embedLibrary: boolean): string {
  htmlCounter += 1;
  const id = `bpl-fig-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${htmlCounter}`;
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 450;
  const library = embedLibrary
    ? `<script type="text/javascript">/* plotly.js, embedded once per kernel session */\n${plotlyScript()}\n</script>\n`
    : "";
  // The fallback <pre> is what a viewer that strips scripts (GitHub) shows; drawing replaces it.
  return (
    `<div id="${id}" class="bpl-figure" style="width:100%;min-height:${height}px">` +
    `<pre class="bpl-fallback" style="white-space:pre-wrap">${escapeHtml(text)}</pre></div>\n` +
    library +
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
    if (tries < 600) { setTimeout(draw, 100); return; }
    if (el) el.insertAdjacentHTML("beforeend",
      "<p><i>plotly.js is not on this page: it travels with the first chart a kernel session shows. " +
      "Restart the kernel and run all cells to include it.</i></p>");
  }
  draw();
})();
</script>`
  );
}

/** One bundle: plotly JSON (an object), HTML, and a text summary. */
export function figureBundle(fig: FigureJSON, options: BundleOptions = {}): MimeBundle {
  const text = describeFigure(fig);
  const embed = options.embedLibrary ?? claimPlotlyEmbedding();
  return {
    [PLOTLY_MIME]: plotlyJSON(fig),
    "text/html": figureHTML(fig, text, embed),
    "text/plain": text,
  };
}
