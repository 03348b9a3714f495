#!/usr/bin/env node
// The kernelspec's entry: hands the connection file to a warm spare kernel when one waits (src/kernel/spare.ts),
// else starts the kernel in this process. Plain JavaScript, so reaching a spare costs no TypeScript loader.
"use strict";
const net = require("net");
const { spareSetting, spareSocketPath } = require("../src/kernel/spare-socket.js");

const connectionFile = process.argv[2];

/** The kernel in this process, as `backprop-lab kernel <connection_file>` runs it. */
function startHere() {
  process.argv.splice(2, 0, "kernel");
  require("./backprop-lab.js");
}

if (!connectionFile || !spareSetting(process.env)) {
  startHere();
} else {
  handToSpare();
}

function handToSpare() {
  const socket = net.connect(spareSocketPath(process.env));
  let adopted = false;
  let fellBack = false;
  let pending = "";
  const fallBack = () => {
    if (adopted || fellBack) return;
    fellBack = true;
    socket.destroy();
    startHere();
  };
  socket.on("connect", () => {
    const request = { connectionFile, cwd: process.cwd(), env: process.env, node: process.version };
    socket.write(JSON.stringify(request) + "\n");
  });
  socket.on("data", (chunk) => {
    if (adopted) return void process.stderr.write(chunk);
    pending += chunk.toString();
    const end = pending.indexOf("\n");
    if (end < 0) return;
    const answer = pending.slice(0, end);
    if (answer !== "adopted") {
      process.stderr.write(`backprop-lab kernel: the spare kernel declined (${answer}); starting one here\n`);
      return fallBack();
    }
    adopted = true;
    if (pending.length > end + 1) process.stderr.write(pending.slice(end + 1));
    // The spare is the kernel now; this process stands in for it towards the kernel manager.
    process.on("SIGINT", () => socket.write("SIGINT\n"));
    process.on("SIGTERM", () => socket.destroy());
  });
  // No spare listening (none yet, or its socket is stale), or it went away before taking over.
  socket.on("error", fallBack);
  socket.on("close", () => (adopted ? process.exit(0) : fallBack()));
}
