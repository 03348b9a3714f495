// progressBar(): a training callback that shows step, epoch, loss, rate and time left in one
// output, updated in place (update_display_data) at most every 250 ms, and always at the end.

import { displayBundle, type DisplayHandle, type MimeBundle } from "../display/display";
import { escapeHtml } from "../display/html";
import { clock, fmt } from "./format";
import { FORWARD_COLOR, INK, MUTED, OKABE_ITO } from "./palette";
import { Throttle, type Clock } from "./throttle";
import type { EpochEvent, StepEvent, TrainingEnd, TrainingListener } from "./training-events";

export interface ProgressBarOptions {
  /** Minimum milliseconds between updates (default 250). */
  intervalMs?: number;
  /** Characters in the text bar (default 30). */
  width?: number;
  label?: string;
  clock?: Clock;
}

interface State {
  step: number;
  totalSteps: number;
  epoch: number;
  epochs: number;
  loss: number;
  seconds: number;
  lastEpoch?: EpochEvent;
  done?: string;
}

export function progressText(s: State, width = 30, label = "training"): string {
  const frac = s.totalSteps > 0 ? Math.min(1, s.step / s.totalSteps) : 0;
  const filled = Math.round(frac * width);
  const rate = s.seconds > 0 ? s.step / s.seconds : 0;
  const left = rate > 0 ? (s.totalSteps - s.step) / rate : NaN;
  const parts = [
    `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(frac * 100)}%`,
    `epoch ${s.epoch}/${s.epochs}`,
    `step ${s.step}/${s.totalSteps}`,
    `loss ${fmt(s.loss)}`,
    `${fmt(rate, 3)} steps/s`,
    s.done ? `took ${clock(s.seconds)}` : `${clock(left)} left`,
  ];
  const e = s.lastEpoch;
  if (e?.trainAccuracy !== undefined) parts.push(`train acc ${fmt(100 * e.trainAccuracy, 3)}%`);
  if (e?.validationAccuracy !== undefined) parts.push(`val acc ${fmt(100 * e.validationAccuracy, 3)}%`);
  return parts.join("  ") + (s.done ? `\n${s.done}` : "");
}

function progressHTML(s: State, label: string): string {
  const pct = s.totalSteps > 0 ? Math.min(100, (100 * s.step) / s.totalSteps) : 0;
  const rate = s.seconds > 0 ? s.step / s.seconds : 0;
  const left = rate > 0 ? (s.totalSteps - s.step) / rate : NaN;
  const bar = s.done ? OKABE_ITO.bluishGreen : FORWARD_COLOR;
  const e = s.lastEpoch;
  const acc = [
    e?.trainAccuracy !== undefined ? `train acc <b>${fmt(100 * e.trainAccuracy, 3)}%</b>` : "",
    e?.validationAccuracy !== undefined ? `val acc <b>${fmt(100 * e.validationAccuracy, 3)}%</b>` : "",
  ].filter(Boolean);
  const items = [
    `epoch <b>${s.epoch}/${s.epochs}</b>`,
    `step <b>${s.step}/${s.totalSteps}</b>`,
    `loss <b>${fmt(s.loss)}</b>`,
    `${fmt(rate, 3)} steps/s`,
    s.done ? `took ${clock(s.seconds)}` : `${clock(left)} left`,
    ...acc,
  ];
  return (
    `<div class="bpl-progress" data-state="${s.done ? "done" : "running"}" data-step="${s.step}" data-total="${s.totalSteps}" ` +
    `style="font-family:Helvetica Neue,Arial,sans-serif;font-size:13px;color:${INK};max-width:720px">` +
    `<div style="margin-bottom:4px"><b>${escapeHtml(label)}</b> ${Math.round(pct)}%</div>` +
    `<div style="background:#E5E5E5;border-radius:4px;height:14px;overflow:hidden">` +
    `<div class="bpl-progress-fill" style="background:${bar};width:${pct.toFixed(1)}%;height:100%"></div></div>` +
    `<div style="margin-top:4px;color:${MUTED}">${items.join(" &nbsp;·&nbsp; ")}</div>` +
    (s.done ? `<div style="margin-top:2px">${escapeHtml(s.done)}</div>` : "") +
    `</div>`
  );
}

/** A fit() callback drawing a progress bar; the saved notebook keeps its final state. */
export function progressBar(options: ProgressBarOptions = {}): TrainingListener & { readonly text: string } {
  const throttle = new Throttle(options.intervalMs ?? 250, options.clock);
  const label = options.label ?? "training";
  let state: State | undefined;
  let handle: DisplayHandle | undefined;
  const bundle = (s: State): MimeBundle => ({ "text/html": progressHTML(s, label), "text/plain": progressText(s, options.width, label) });
  const render = (force: boolean) => {
    if (!state || (!force && !throttle.ready())) return;
    if (!handle) handle = displayBundle(bundle(state));
    else handle.update(bundle(state));
  };
  return {
    get text() {
      return state ? progressText(state, options.width, label) : `${label}: not started`;
    },
    onStep(s: StepEvent) {
      state = { ...state, step: s.step, totalSteps: s.totalSteps, epoch: s.epoch, epochs: s.epochs, loss: s.loss, seconds: s.seconds };
      render(false);
    },
    onEpoch(e: EpochEvent) {
      if (!state) return;
      state = { ...state, lastEpoch: e, epoch: e.epoch, seconds: e.seconds };
      render(false);
    },
    onEnd(h: TrainingEnd) {
      if (!state) return;
      const loss = h.loss.length ? h.loss[h.loss.length - 1] : state.loss;
      state = { ...state, loss, done: h.stoppedEarly ? `stopped early: ${h.stoppedEarly}` : "done" };
      render(true);
    },
  };
}
