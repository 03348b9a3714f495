// The interrupt gate: one shared word that lets the control thread send SIGINT only while a cell's
// synchronous code runs under vm's SIGINT watchdog: during a cell run, the one window in which a SIGINT cannot kill the kernel.
//
// Why a gate (Node 20, lib/vm.js sigintHandlersWrap and src/node_watchdog.cc): `breakOnSigint` removes every
// process 'SIGINT' listener for the call, so libuv restores the default action (terminate) until the
// watchdog installs its own handler; when the watchdog stops it installs SignalExit, which exits the process,
// until vm adds the listeners back. A SIGINT landing in either gap kills the kernel. The cell's wrapper calls
// `enter` as its first instruction and `leave` as its last, both inside the watchdog's window: the control
// thread signals only in RUNNING, after claiming the word (RUNNING → SIGNALING), and a `leave` that finds a
// signal on its way waits for the watchdog to stop the cell rather than step into the gap.
// Outside that window an interrupt is a request (REQUESTED) that the main thread reads: a cell that has not
// started yet never starts, and an awaiting cell is ended by message (executor.ts).

import { INTERRUPTED } from "./errors";

/** Values of the shared word; control-thread.js gets them through workerData. */
export const GATE_STATE = { IDLE: 0, RUNNING: 1, SIGNALING: 2, REQUESTED: 3 } as const;

const { load, store, compareExchange, wait } = Atomics;
const { IDLE, RUNNING, SIGNALING, REQUESTED } = GATE_STATE;

export class InterruptGate {
  readonly shared = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  private readonly word = new Int32Array(this.shared);

  /** A new run starts with no interrupt pending: one meant for an earlier cell must not stop this one. */
  reset(): void {
    store(this.word, 0, IDLE);
  }

  /** Main thread, outside any vm run (a SIGINT listener, a forwarded request): marks the run interrupted. */
  request(): void {
    compareExchange(this.word, 0, IDLE, REQUESTED);
  }

  requested(): boolean {
    return load(this.word, 0) === REQUESTED;
  }

  /**
   * `enter` and `leave` for one cell's wrapper. The cell's code can reach its wrapper's arguments (sloppy
   * mode's `arguments.callee.caller`), so each works once and none after `close`: a cell can at most end its
   * own window early (an interrupt then comes by message), never mark the gate RUNNING outside a run.
   */
  forOneRun(): { enter: () => void; leave: () => void; close: () => void } {
    let entered = false;
    let done = false;
    return {
      enter: () => {
        if (entered || done) return;
        entered = true;
        this.enter();
      },
      leave: () => {
        if (!entered || done) return;
        done = true;
        this.leave();
      },
      close: () => {
        done = true;
      },
    };
  }

  /** The cell wrapper's first instruction: from here a SIGINT meets the watchdog. */
  private enter(): void {
    if (compareExchange(this.word, 0, IDLE, RUNNING) === REQUESTED) throw INTERRUPTED;
  }

  /** The cell wrapper's last instruction (a finally): a signal already on its way must stop the cell here. */
  private leave(): void {
    if (compareExchange(this.word, 0, RUNNING, IDLE) !== SIGNALING) return;
    // The watchdog ends this loop by terminating the script; a failed kill puts RUNNING back (control-thread.js).
    // Short waits: termination is checked between them, and Atomics.wait on the main thread is allowed in Node.
    while (load(this.word, 0) === SIGNALING) wait(this.word, 0, SIGNALING, 50);
    store(this.word, 0, IDLE);
  }
}
