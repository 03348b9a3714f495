// Control, heartbeat and stdin sockets on their own thread, so a cell stuck in `while (true) {}` can
// still be interrupted by message, the heartbeat keeps answering (as ipykernel's threads do), and a
// cell blocked in prompt() gets its input_reply (see stdin.ts for the shared-memory handshake).
// Plain JavaScript: a worker does not inherit the tsx loader, and this must start fast.
"use strict";
const { parentPort, workerData } = require("worker_threads");
const { randomUUID } = require("crypto");
const zmq = require("zeromq");
const { Signer } = require("./signer");

const { info, endpoints, inputBuffer, gateBuffer, GATE } = workerData;
const DELIMITER = "<IDS|MSG>";
const signer = new Signer(info.key, info.signature_scheme);

const control = new zmq.Router();
const heartbeat = new zmq.Reply();
let sending = Promise.resolve();
function sendControl(frames) {
  sending = sending.then(() => control.send(frames)).catch(() => {});
}

// Answers interrupt_request here: the main thread may be blocked in the very cell to interrupt.
function answerInterrupt(frames) {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) return false;
  const parts = frames.slice(at + 2, at + 6);
  if (!signer.verify(frames[at + 1].toString(), parts)) return false;
  const header = JSON.parse(parts[0].toString());
  if (header.msg_type !== "interrupt_request") return false;
  finishInput(INPUT_STATE.INTERRUPTED);
  interruptMainThread();
  const reply = [
    JSON.stringify({
      msg_id: randomUUID(),
      session: workerData.session,
      username: header.username,
      date: new Date().toISOString(),
      msg_type: "interrupt_reply",
      version: workerData.protocolVersion,
    }),
    JSON.stringify(header),
    "{}",
    JSON.stringify({ status: "ok" }),
  ];
  sendControl([...frames.slice(0, at), DELIMITER, signer.sign(reply), ...reply]);
  return true;
}

// The gate's protocol is described in interrupt-gate.ts: SIGINT only while the cell wrapper holds RUNNING.
const gate = new Int32Array(gateBuffer);

function interruptMainThread() {
  for (;;) {
    const state = Atomics.load(gate, 0);
    if (state === GATE.SIGNALING) return;
    if (state === GATE.RUNNING) {
      if (Atomics.compareExchange(gate, 0, GATE.RUNNING, GATE.SIGNALING) !== GATE.RUNNING) continue;
      try {
        process.kill(process.pid, "SIGINT");
      } catch (error) {
        // No signal is coming: let the cell's wrapper go on rather than wait for one.
        Atomics.compareExchange(gate, 0, GATE.SIGNALING, GATE.RUNNING);
        Atomics.notify(gate, 0);
        parentPort.postMessage({ log: `interrupt: SIGINT failed: ${error}` });
      }
      return;
    }
    if (state === GATE.IDLE && Atomics.compareExchange(gate, 0, GATE.IDLE, GATE.REQUESTED) !== GATE.IDLE) continue;
    // No synchronous run to break: the main thread reads this once its event loop is free (an awaiting cell).
    parentPort.postMessage({ interrupt: true });
    return;
  }
}

async function serveControl() {
  for await (const frames of control) {
    if (!answerInterrupt(frames)) parentPort.postMessage({ frames });
  }
}

// stdin: the main thread sleeps in Atomics.wait until finishInput stores an outcome (states as in stdin.ts).
const INPUT_STATE = { REPLIED: 1, INTERRUPTED: 2, UNDELIVERED: 3, TOO_LARGE: 4 };
const stdin = new zmq.Router();
// A client without a stdin socket is an error to report, not a message to drop silently.
stdin.mandatory = true;
const inputState = new Int32Array(inputBuffer, 0, 2);
const inputBytes = new Uint8Array(inputBuffer, 8);
let awaitedInput; // msg_id of the input_request the main thread waits on

function finishInput(state, length = 0) {
  if (awaitedInput === undefined) return;
  awaitedInput = undefined;
  Atomics.store(inputState, 1, length);
  Atomics.store(inputState, 0, state);
  Atomics.notify(inputState, 0);
}

function askForInput({ frames, msgId }) {
  awaitedInput = msgId;
  stdin.send(frames.map((f) => (typeof f === "string" ? f : Buffer.from(f)))).catch(() => finishInput(INPUT_STATE.UNDELIVERED));
}

/** Stores a reply to the awaited request as [u32 length, bytes] per frame; the main thread checks its signature. */
function storeInputReply(frames) {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (awaitedInput === undefined || at < 0 || frames.length < at + 6) return;
  let parent;
  try {
    parent = JSON.parse(frames[at + 3].toString());
  } catch {
    return;
  }
  // jupyter_client's input() sends no parent header; one that names another request answers an earlier prompt.
  if (parent.msg_id !== undefined && parent.msg_id !== awaitedInput) return;
  const length = frames.reduce((sum, f) => sum + 4 + f.length, 0);
  if (length > inputBytes.length) return finishInput(INPUT_STATE.TOO_LARGE);
  let offset = 0;
  for (const frame of frames) {
    new DataView(inputBuffer, 8 + offset, 4).setUint32(0, frame.length, true);
    inputBytes.set(frame, offset + 4);
    offset += 4 + frame.length;
  }
  finishInput(INPUT_STATE.REPLIED, length);
}

async function serveStdin() {
  for await (const frames of stdin) storeInputReply(frames);
}

async function serveHeartbeat() {
  for await (const frames of heartbeat) await heartbeat.send(frames);
}

parentPort.on("message", (msg) => {
  if (msg.frames) sendControl(msg.frames.map((f) => (typeof f === "string" ? f : Buffer.from(f))));
  if (msg.input) askForInput(msg.input);
  if (msg.close) {
    sending.then(() => {
      control.close();
      heartbeat.close();
      stdin.close();
      parentPort.close();
    });
  }
});

Promise.all([control.bind(endpoints.control), heartbeat.bind(endpoints.hb), stdin.bind(endpoints.stdin)])
  .then(() => {
    parentPort.postMessage({ ready: true });
    serveControl().catch(() => {});
    serveHeartbeat().catch(() => {});
    serveStdin().catch(() => {});
  })
  .catch((error) => parentPort.postMessage({ error: String(error) }));
