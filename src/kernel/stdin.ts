// prompt() for cells: input_request on the stdin channel, answered while the cell waits.
//
// A cell runs synchronously on the main thread, so a prompt cannot await a socket here. The kernel's side
// thread (control-thread.js) owns the stdin socket: the main thread hands it the signed input_request and sleeps
// on a shared word (Atomics.wait) until the side thread has stored the reply, the client could not be reached,
// or an interrupt_request arrived.

import type { Worker } from "worker_threads";
import { makeMessage, parseFrames, serialize, type Message, type Signer } from "./wire";

/** Values of the shared state word; control-thread.js writes all but WAITING. */
export const INPUT_STATE = { WAITING: 0, REPLIED: 1, INTERRUPTED: 2, UNDELIVERED: 3, TOO_LARGE: 4 } as const;

/** Two Int32 words (state, byte length) and then the reply's frames, length-prefixed. */
const HEADER_BYTES = 8;
export const INPUT_BUFFER_BYTES = HEADER_BYTES + (1 << 20);

export class InputError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Frames from [u32 length, bytes]…, the layout control-thread.js writes. */
export function decodeFrames(bytes: Uint8Array, length: number): Buffer[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, length);
  const frames: Buffer[] = [];
  for (let at = 0; at < length; ) {
    const size = view.readUInt32LE(at);
    frames.push(Buffer.from(view.subarray(at + 4, at + 4 + size)));
    at += 4 + size;
  }
  return frames;
}

export class StdinChannel {
  readonly shared = new SharedArrayBuffer(INPUT_BUFFER_BYTES);
  private readonly state = new Int32Array(this.shared, 0, 2);
  private readonly bytes = new Uint8Array(this.shared, HEADER_BYTES);

  constructor(
    private readonly signer: Signer,
    private readonly worker: () => Worker | undefined,
  ) {}

  /** Asks the client that sent `parent` (an execute_request) for a line of input; blocks until it answers. */
  request(parent: Message, prompt: string, password: boolean): string {
    if (parent.content.allow_stdin !== true) {
      throw new InputError(
        "StdinNotImplementedError",
        `prompt(${JSON.stringify(prompt)}) needs someone to type an answer, but this client runs cells without input ` +
          "(allow_stdin is false: nbconvert, the runner and the grader do this); give the value in the code instead",
      );
    }
    const worker = this.worker();
    if (!worker) throw new InputError("StdinNotImplementedError", "the kernel's stdin thread is not running");
    const request = makeMessage("input_request", { prompt, password }, parent, parent.identities);
    Atomics.store(this.state, 0, INPUT_STATE.WAITING);
    worker.postMessage({ input: { frames: serialize(request, this.signer), msgId: request.header.msg_id } });
    // Short waits, not one long one: vm's SIGINT watchdog can stop the cell only when JavaScript runs.
    while (Atomics.wait(this.state, 0, INPUT_STATE.WAITING, 50) === "timed-out");
    return this.reply();
  }

  private reply(): string {
    switch (Atomics.load(this.state, 0)) {
      case INPUT_STATE.REPLIED: {
        const msg = parseFrames(decodeFrames(this.bytes, Atomics.load(this.state, 1)), this.signer);
        if (typeof msg === "string") throw new InputError("StdinError", `the input_reply was refused: ${msg}`);
        return String(msg.content.value ?? "");
      }
      case INPUT_STATE.INTERRUPTED:
        throw new InputError("KeyboardInterrupt", "interrupted while waiting for input");
      case INPUT_STATE.TOO_LARGE:
        throw new InputError("StdinError", `the input_reply is larger than ${INPUT_BUFFER_BYTES - HEADER_BYTES} bytes`);
      default:
        throw new InputError("StdinNotImplementedError", "no client is connected to the kernel's stdin channel to answer the prompt");
    }
  }
}
