// show(fig): display a figure now (not only as a cell's last expression), as one bundle.

import { displayBundle } from "../display/display";
import type { FigureJSON } from "./figure-json";
import { figureBundle } from "./bundle";

export interface ShownFigure {
  readonly displayId: string;
  /** Redraws the same output with another figure (update_display_data). */
  update(next: FigureJSON): void;
}

/** Sends the figure as one output; update(fig) redraws it in place. */
export function show(fig: FigureJSON): ShownFigure {
  const handle = displayBundle(figureBundle(fig));
  return {
    displayId: handle.displayId,
    update: (next) => {
      // JupyterLab's Plotly renderer ignores updates to a chart it has drawn; a text-only update in
      // between makes the front end swap renderers, so the new figure gets a fresh one.
      const bundle = figureBundle(next);
      handle.update({ "text/plain": bundle["text/plain"] });
      handle.update(bundle);
    },
  };
}
