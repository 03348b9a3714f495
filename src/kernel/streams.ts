// Captures process.stdout/stderr writes (console.log included) and sends them as stream messages,
// batched so a loop of prints becomes a few messages, never reordered against other outputs.
// Batches are closed at write time too: a timer cannot fire while a synchronous cell runs.

type StreamName = "stdout" | "stderr";
type Write = typeof process.stdout.write;

const decoder = new TextDecoder();
const MAX_BATCH = 64 * 1024;

export class StreamCapture {
  /** The kernel's own logs go here, past the capture, to the terminal that started it. */
  readonly log: (text: string) => void;
  private pending: { name: StreamName; text: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private readonly originals: { stdout: Write; stderr: Write };

  constructor(private readonly send: (name: StreamName, text: string) => void, private readonly delayMs = 40) {
    this.originals = { stdout: process.stdout.write, stderr: process.stderr.write };
    const stderr = this.originals.stderr.bind(process.stderr);
    this.log = (text) => void stderr(text.endsWith("\n") ? text : text + "\n");
  }

  install(): void {
    process.stdout.write = this.writer("stdout");
    process.stderr.write = this.writer("stderr");
  }

  uninstall(): void {
    this.flush();
    process.stdout.write = this.originals.stdout;
    process.stderr.write = this.originals.stderr;
  }

  write(name: StreamName, text: string): void {
    if (!text) return;
    if (this.pending && this.pending.name !== name) this.flush();
    if (this.pending) this.pending.text += text;
    else this.pending = { name, text };
    // The first write after a quiet spell goes out at once; writes that follow it within delayMs
    // are batched until a write comes after delayMs (or the timer fires, if the event loop runs).
    if (Date.now() - this.lastFlush >= this.delayMs || this.pending.text.length >= MAX_BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs).unref();
  }

  /**
   * A cell's first write goes out at once: otherwise one that comes within delayMs of the last cell's
   * output waits for a timer, which a synchronous cell (`console.log("training"); while (…) {…}`) never lets fire.
   */
  startCell(): void {
    this.flush();
    this.lastFlush = 0;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    this.lastFlush = Date.now();
    this.send(pending.name, pending.text);
  }

  private writer(name: StreamName): Write {
    return ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk);
      this.write(name, text);
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    }) as Write;
  }
}
