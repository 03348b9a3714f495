// Control and heartbeat sockets on their own thread, so a cell stuck in `while (true) {}` can
// still be interrupted by message and the heartbeat keeps answering (as ipykernel's threads do).
// Plain JavaScript: a worker does not inherit the tsx loader, and this must start fast.
"use strict";
const { parentPort, workerData } = require("worker_threads");
const { createHmac, randomUUID } = require("crypto");
const zmq = require("zeromq");

const { info, endpoints } = workerData;
const DELIMITER = "<IDS|MSG>";
const algorithm = (info.signature_scheme || "hmac-sha256").replace(/^hmac-/, "");

function sign(parts) {
  if (!info.key) return "";
  const hmac = createHmac(algorithm, info.key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

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
  if (info.key && sign(parts) !== frames[at + 1].toString()) return false;
  const header = JSON.parse(parts[0].toString());
  if (header.msg_type !== "interrupt_request") return false;
  process.kill(process.pid, "SIGINT");
  const reply = [
    JSON.stringify({
      msg_id: randomUUID(),
      session: workerData.session,
      username: header.username,
      date: new Date().toISOString(),
      msg_type: "interrupt_reply",
      version: "5.3",
    }),
    JSON.stringify(header),
    "{}",
    JSON.stringify({ status: "ok" }),
  ];
  sendControl([...frames.slice(0, at), DELIMITER, sign(reply), ...reply]);
  return true;
}

async function serveControl() {
  for await (const frames of control) {
    if (!answerInterrupt(frames)) parentPort.postMessage({ frames });
  }
}

async function serveHeartbeat() {
  for await (const frames of heartbeat) await heartbeat.send(frames);
}

parentPort.on("message", (msg) => {
  if (msg.frames) sendControl(msg.frames.map((f) => (typeof f === "string" ? f : Buffer.from(f))));
  if (msg.close) {
    sending.then(() => {
      control.close();
      heartbeat.close();
      parentPort.close();
    });
  }
});

Promise.all([control.bind(endpoints.control), heartbeat.bind(endpoints.hb)])
  .then(() => {
    parentPort.postMessage({ ready: true });
    serveControl().catch(() => {});
    serveHeartbeat().catch(() => {});
  })
  .catch((error) => parentPort.postMessage({ error: String(error) }));
