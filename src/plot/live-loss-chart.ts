// liveLossChart(): a training callback that draws the loss as it falls, redrawing one output in
// place (update_display_data) at most every 250 ms and always at the end, so the saved notebook
// keeps the finished chart.
//
// While training, each frame is a static SVG (text/html): JupyterLab's Plotly renderer draws once
// and ignores updates, so a Plotly frame would freeze at the first step. The final frame is the
// full Plotly bundle; its different MIME type makes every front end replace the SVG with it.

import { displayBundle, type DisplayHandle } from "../display/display";
import { figureBundle } from "./bundle";
import { makeFigure, type Figure } from "./figure";
import { fmt, maxOf, minOf } from "./format";
import { svgLineChart } from "./svg-line-chart";
import { describeFigure } from "./summary";
import type { MimeBundle } from "../display/display";
import { baseLayout, logAxisTicks } from "./layout";
import { OKABE_ITO, tint } from "./palette";
import { smooth } from "./line-chart";
import { Throttle, type Clock } from "./throttle";
import type { EpochEvent, StepEvent, TrainingEnd, TrainingListener } from "./training-events";

export interface LiveLossChartOptions {
  title?: string;
  logY?: boolean;
  /** EMA weight for the smoothed line (default 0.9; 0 draws the raw loss only). */
  smoothing?: number;
  intervalMs?: number;
  clock?: Clock;
}

export interface LiveLossChart extends TrainingListener {
  /** The chart as it stands (for tests and for showing it again later). */
  figure(): Figure;
}

export function liveLossChart(options: LiveLossChartOptions = {}): LiveLossChart {
  const throttle = new Throttle(options.intervalMs ?? 250, options.clock);
  const steps: number[] = [];
  const losses: number[] = [];
  const epochX: number[] = [];
  const epochLoss: number[] = [];
  let status = "training…";
  let handle: DisplayHandle | undefined;

  const figure = (): Figure => {
    const smoothing = options.smoothing ?? 0.9;
    const layout = baseLayout(options.title ?? `Loss during training (${status})`, "Step (mini-batch updates)", options.logY ? "Loss (log scale, no units)" : "Loss (no units)");
    if (options.logY) {
      const positive = losses.filter((v) => v > 0);
      layout.yaxis = { ...layout.yaxis, ...logAxisTicks(minOf(positive), maxOf(positive)) };
    }
    const ys = smoothing > 0 ? smooth(losses, smoothing) : losses;
    return makeFigure(
      {
        data: [
          { type: "scatter", mode: "lines", name: "loss per step", x: [...steps], y: [...losses], line: { color: tint(OKABE_ITO.blue, smoothing > 0 ? 0.6 : 0), width: 1 }, hovertemplate: "step %{x}<br>loss %{y:.4g}<extra></extra>" },
          ...(smoothing > 0 ? [{ type: "scatter" as const, mode: "lines", name: "smoothed", x: [...steps], y: ys, line: { color: OKABE_ITO.blue, width: 2.5 }, hovertemplate: "step %{x}<br>smoothed %{y:.4g}<extra></extra>" }] : []),
          // Few epochs: a diamond per epoch; many: a line, or the diamonds would hide the loss itself.
          {
            type: "scatter", mode: epochX.length <= 40 ? "markers" : "lines", name: "epoch mean", x: [...epochX], y: [...epochLoss],
            marker: { color: OKABE_ITO.orange, size: 9, symbol: "diamond" }, line: { color: OKABE_ITO.orange, width: 2, dash: "dash" },
            hovertemplate: "end of epoch at step %{x}<br>mean loss %{y:.4g}<extra></extra>",
          },
        ],
        layout,
      },
      [`status: ${status}`, losses.length ? `${losses.length} steps, last loss ${fmt(losses[losses.length - 1])}` : "no steps yet"],
    );
  };

  const frame = (): MimeBundle => {
    const smoothing = options.smoothing ?? 0.9;
    const svg = svgLineChart({
      title: options.title ?? `Loss during training (${status})`,
      xTitle: "Step (mini-batch updates)",
      yTitle: options.logY ? "Loss (log scale)" : "Loss (no units)",
      logY: options.logY,
      series: [
        { name: "loss per step", x: steps, y: losses, color: tint(OKABE_ITO.blue, smoothing > 0 ? 0.6 : 0), width: 1 },
        ...(smoothing > 0 ? [{ name: "smoothed", x: steps, y: smooth(losses, smoothing), color: OKABE_ITO.blue, width: 2.5 }] : []),
        { name: "epoch mean", x: epochX, y: epochLoss, color: OKABE_ITO.orange, width: 2, dash: true },
      ],
    });
    return { "text/html": `<div class="bpl-live-chart" data-state="running" data-steps="${steps.length}">${svg}</div>`, "text/plain": describeFigure(figure()) };
  };

  const render = (final: boolean) => {
    if (!final && !throttle.ready()) return;
    const bundle = final ? figureBundle(figure()) : frame();
    if (!handle) handle = displayBundle(bundle);
    else handle.update(bundle);
  };

  return {
    figure,
    onStep(s: StepEvent) {
      steps.push(s.step);
      losses.push(s.loss);
      render(false);
    },
    onEpoch(e: EpochEvent) {
      epochX.push(steps.length ? steps[steps.length - 1] : e.epoch);
      epochLoss.push(e.loss);
      status = `epoch ${e.epoch}/${e.epochs}`;
      render(false);
    },
    onEnd(h: TrainingEnd) {
      status = h.stoppedEarly ? `stopped early: ${h.stoppedEarly}` : `done, ${steps.length} steps`;
      render(true);
    },
  };
}
