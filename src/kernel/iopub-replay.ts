// The first subscriber to iopub also gets the status messages published before its subscription reached the kernel.
//
// A subscriber misses whatever a publisher sends before its subscription arrives (ZeroMQ's "slow joiner"). A
// client that connects while the kernel is starting sends kernel_info_request and waits for that request's status
// messages on iopub, asking again after a pause when none come (jupyter_server's nudge waits ~0.5 s): a
// kernel that answers within milliseconds, as a warm spare does, often answers before the subscription lands.
// iopub is an XPUB socket, which hears subscriptions; when the first arrives, the statuses published until then
// go out again, in order, as new messages: a client refuses a message signed exactly as one it has seen
// (jupyter_client's "Duplicate Signature"). A status may then arrive twice, which clients take in their stride:
// each names the request it belongs to, and the last one sent is the kernel's state.

/** A client that never subscribes must not make the kernel hold every status: the most recent ones are enough. */
const EARLY_LIMIT = 64;

export class FirstSubscriberReplay {
  /** How to publish again each status published so far, until the first subscription arrives; then undefined. */
  private early: (() => void)[] | undefined = [];

  /** Notes a status published on iopub, with how to publish it again as a new message. */
  published(publishAgain: () => void): void {
    if (this.early === undefined) return;
    this.early.push(publishAgain);
    if (this.early.length > EARLY_LIMIT) this.early.shift();
  }

  /** Reads the socket's subscription events (XPUB: first byte 1 subscribes) until it closes. */
  async watch(subscriptions: AsyncIterable<Buffer[]>): Promise<void> {
    for await (const [event] of subscriptions) {
      if (event?.[0] !== 1 || this.early === undefined) continue;
      const early = this.early;
      this.early = undefined;
      for (const publishAgain of early) publishAgain();
    }
  }
}
