// Flow control for zeromq sends: one pending send per socket, in order, and iopub sends that leave at once
// even while a synchronous cell holds the event loop.

/** zeromq allows one pending send per socket: later sends wait their turn, in order. */
export class Outbox {
  private tail: Promise<unknown> = Promise.resolve();
  constructor(private readonly socket: { send(frames: (string | Buffer)[]): Promise<void> }) {}
  send(frames: (string | Buffer)[]): Promise<unknown> {
    this.tail = this.tail.then(() => this.socket.send(frames)).catch(() => {});
    return this.tail;
  }
  settled(): Promise<unknown> {
    return this.tail;
  }
}

const isBusy = (error: unknown) => (error as NodeJS.ErrnoException)?.code === "EBUSY";

/**
 * iopub sends go to zeromq at once, while the caller runs: a synchronous cell (a training loop)
 * never lets a promise chain advance, and zeromq's I/O thread delivers what was handed over even
 * while JavaScript is busy. Only if zeromq says a send is still pending (EBUSY) do later messages
 * queue behind it, in order; nothing is dropped.
 */
export class ImmediateOutbox {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  constructor(
    private readonly socket: { send(frames: (string | Buffer)[]): Promise<void> },
    private readonly log: (text: string) => void = () => {},
  ) {}

  send(frames: (string | Buffer)[]): Promise<unknown> {
    if (this.queued === 0) {
      try {
        this.tail = this.socket.send(frames).catch((error) => this.log(`iopub send failed: ${error}`));
        return this.tail;
      } catch (error) {
        if (!isBusy(error)) {
          this.log(`iopub send failed: ${error}`);
          return this.tail;
        }
      }
    }
    this.queued += 1;
    this.tail = this.tail
      .then(() => this.sendWhenFree(frames))
      .catch((error) => this.log(`iopub send failed: ${error}`))
      .finally(() => (this.queued -= 1));
    return this.tail;
  }

  settled(): Promise<unknown> {
    return this.tail;
  }

  private async sendWhenFree(frames: (string | Buffer)[]): Promise<void> {
    for (;;) {
      try {
        return await this.socket.send(frames);
      } catch (error) {
        if (!isBusy(error)) throw error;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}
