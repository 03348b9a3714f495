// Rich output for cells: MIME bundles, display ids and in-place updates, wherever the code runs (kernel, plot, exercises).
//
// The module (plots, progress bars) calls these functions; the kernel installs a sink that turns
// them into display_data / update_display_data messages. Outside a kernel (vitest, plain node)
// the text/plain part is printed, so nothing is lost and nothing reaches into tslab.

/** One output in several representations, keyed by MIME type (Jupyter's "data" dict). */
export type MimeBundle = { [mimeType: string]: unknown };

/** A value that knows how to display itself: the kernel uses this for a cell's last expression. */
export const MIME_BUNDLE = Symbol.for("backprop-lab.mimeBundle");
export interface RichDisplay {
  [MIME_BUNDLE](): MimeBundle;
}

export interface DisplayOptions {
  displayId?: string;
  metadata?: { [key: string]: unknown };
}

/** Where bundles go; the kernel installs one per process. */
export interface DisplaySink {
  display(bundle: MimeBundle, options: DisplayOptions, update: boolean): void;
  /** Clears the cell's output (clear_output); `wait` defers it until the next output arrives. */
  clear?(wait: boolean): void;
  /** Asks the person at the front end for one line (input_request); blocks the cell until it comes. */
  input?(prompt: string, password: boolean): string;
}

export interface DisplayHandle {
  readonly displayId: string;
  update(bundle: MimeBundle): void;
}

// A global, not a module variable: the kernel and the notebook's import of "backprop-lab" must
// share one sink even if the module were ever loaded twice.
const SINK_KEY = Symbol.for("backprop-lab.displaySink");
type SinkHolder = { [SINK_KEY]?: DisplaySink };

const printingSink: DisplaySink = {
  display(bundle) {
    const text = bundle["text/plain"];
    if (typeof text === "string") console.log(text);
  },
};

export function installDisplaySink(sink: DisplaySink | undefined): void {
  (globalThis as SinkHolder)[SINK_KEY] = sink;
}

function currentSink(): DisplaySink {
  return (globalThis as SinkHolder)[SINK_KEY] ?? printingSink;
}

let displayCounter = 0;
export function newDisplayId(): string {
  displayCounter += 1;
  return `bpl-${process.pid}-${Date.now().toString(36)}-${displayCounter}`;
}

/** Sends one bundle as one output; returns a handle that updates it in place. */
export function displayBundle(bundle: MimeBundle, options: DisplayOptions = {}): DisplayHandle {
  const displayId = options.displayId ?? newDisplayId();
  currentSink().display(bundle, { ...options, displayId }, false);
  return { displayId, update: (next) => updateDisplay(displayId, next) };
}

/** Replaces the output shown under displayId (update_display_data). */
export function updateDisplay(displayId: string, bundle: MimeBundle, metadata?: DisplayOptions["metadata"]): void {
  currentSink().display(bundle, { displayId, metadata }, true);
}

/** Clears the current cell's output; with wait, only when the next output replaces it. */
export function clearOutput(wait = false): void {
  currentSink().clear?.(wait);
}

export function isRichDisplay(value: unknown): value is RichDisplay {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as Partial<RichDisplay>)[MIME_BUNDLE] === "function"
  );
}

/**
 * Asks the person running the notebook for one line of text and returns it (Jupyter's input_request, like
 * Python's input()). Throws StdinNotImplementedError where nobody can answer: nbconvert, the runner, the grader.
 */
export function prompt(message = "", options: { password?: boolean } = {}): string {
  const sink = currentSink();
  if (!sink.input) throw new Error(`prompt(${JSON.stringify(message)}) needs a Jupyter kernel to ask through; none is running here`);
  return sink.input(message, options.password === true);
}
