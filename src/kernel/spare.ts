// A spare kernel: started ahead of need, it warms the compiler, then waits on a Unix socket until the kernelspec's
// launcher (bin/backprop-lab-kernel.js) hands it a connection file, and becomes that kernel.
//
// Most of a kernel's start is TypeScript: loading it, and parsing lib and @types/node into the first program
// (about 1.5 s here). A spare has done all of it before anyone asks. Spares are on unless BACKPROP_LAB_SPARE_KERNEL
// is 0: every kernel keeps one spare ready for the next start, in any Jupyter that starts our kernelspec. With 0
// (the runner and grader's servers, the tests) the launcher starts the kernel in its own process.

import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import net from "net";
import path from "path";
import { spawnInBackground } from "./background";
import { compileThrowawayCell, forgetConverter, warmUpConverter } from "./compiler";
import { warmUpInBackground } from "./jit-warm-up";
import { Kernel } from "./kernel";
import { KERNEL_NODE_FLAGS } from "./node-flags";
import { ensureSelfLink } from "./package-link";
import { PROJECT_ROOT } from "../project-root";
import { SPARE_ANSWER, SPARE_QUESTION, SPARE_WARM, SPARE_WARMING, spareSetting, spareSocketPath } from "./spare-socket";
import { readConnectionFile } from "./wire";

/** A spare nobody took in this long exits: its memory is better given back. */
const IDLE_LIFETIME_MS = 20 * 60_000;
/** How long a kernel goes without requests before it starts the next spare. */
const QUIET_BEFORE_SPARE_MS = 3_000;
/** How often a spare checks that the Jupyter server (or `npm start`) it serves still runs. */
const OWNER_CHECK_MS = 2_000;

/** What the launcher sends: the kernel manager's connection file, and the folder and environment to run in. */
interface Handover {
  connectionFile: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  node: string;
}

/** `backprop-lab kernel --spare`: warm up, wait for a launcher, then run as its kernel until shutdown. */
export async function runSpare(): Promise<number> {
  const socketPath = spareSocketPath(process.env);
  const warmFolder = process.cwd();
  ensureSelfLink();
  await warmUpConverter();
  compileThrowawayCell();
  loadModuleAhead();
  const sources = sourceStamps();
  const server = net.createServer();
  if (!(await listen(server, socketPath))) process.exit(0); // another spare already waits
  releaseClaim(socketPath);
  // Listening first: a launcher asking meanwhile takes a spare whose compiler is set up, if not yet fully optimized.
  const warmUp = warmUpInBackground(compileThrowawayCell);
  const idle = setTimeout(() => stopWaiting(server, socketPath), IDLE_LIFETIME_MS);
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.once(signal, () => stopWaiting(server, socketPath));
  const owner = Number(process.env.JPY_PARENT_PID ?? process.env.BACKPROP_LAB_SPARE_OWNER);
  const ownerCheck = setInterval(() => !isAlive(owner) && stopWaiting(server, socketPath), OWNER_CHECK_MS);
  let taken = false;
  server.on("connection", (socket) => {
    void readLine(socket).then((line) => {
      // A launcher or spare asking whether anyone waits here: answered, and the spare waits on.
      if (line === SPARE_QUESTION) return void socket.end(`${SPARE_ANSWER} ${warmUp.finished() ? SPARE_WARM : SPARE_WARMING}\n`);
      if (line === undefined) return; // gone before asking
      if (taken) return void socket.end("another launcher took this spare first\n");
      taken = true;
      warmUp.stop();
      clearTimeout(idle);
      clearInterval(ownerCheck);
      server.close();
      rmSync(socketPath, { force: true });
      void adopt(socket, parseHandover(line), warmFolder, sources);
    });
  });
  return new Promise<number>(() => {}); // the process ends as a kernel ends, or in stopWaiting
}

/**
 * Once `kernel` has been quiet a while, starts a spare for the next kernel, unless spares are off or one already
 * waits or warms up. Not at once: a spare warming up beside a kernel in use made its new cells about twice as slow.
 */
export async function keepSpareReady(kernel: Kernel): Promise<void> {
  // Never from a grading kernel: it runs a student's code, sandboxed, and its own kernelspec has no launcher.
  if (!spareSetting(process.env) || process.env.BACKPROP_LAB_GRADING === "1") return;
  await kernel.whenQuiet(QUIET_BEFORE_SPARE_MS);
  const socketPath = spareSocketPath(process.env);
  if (claimedByLiveProcess(socketPath) || (existsSync(socketPath) && (await answers(socketPath)))) return;
  // Niced to the lowest priority: it warms up beside a kernel whose learner is running cells.
  const pid = spawnInBackground([...KERNEL_NODE_FLAGS, path.join(PROJECT_ROOT, "bin", "backprop-lab.js"), "kernel", "--spare"], 19, {
    cwd: process.cwd(),
    env: { ...process.env, BACKPROP_LAB_SPARE_OWNER: process.env.JPY_PARENT_PID ?? String(process.pid) },
  });
  if (pid !== undefined) writeFileSync(claimFile(socketPath), String(pid));
}

async function adopt(socket: net.Socket, handover: Handover | string, warmFolder: string, sources: string): Promise<void> {
  if (typeof handover === "string") return decline(socket, handover);
  const refusal = whyNot(handover, sources);
  if (refusal !== undefined) return decline(socket, refusal);
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, handover.env);
  process.chdir(handover.cwd);
  // The launcher stands in for this process towards the kernel manager: its end is this kernel's end.
  socket.on("close", () => process.exit(0));
  socket.on("error", () => process.exit(0));
  socket.on("data", (data) => {
    if (data.toString().includes("SIGINT")) process.kill(process.pid, "SIGINT");
  });
  // What the kernel writes to stderr goes to the launcher's, which the kernel manager logs.
  process.stderr.write = ((chunk: string | Uint8Array) => socket.write(chunk)) as typeof process.stderr.write;
  if (path.resolve(handover.cwd) !== path.resolve(warmFolder)) forgetConverter();
  const kernel = new Kernel(readConnectionFile(handover.connectionFile));
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.removeAllListeners(signal);
  await kernel.start();
  socket.write("adopted\n");
  void keepSpareReady(kernel);
}

/** Tells the launcher why not, and exits: a spare that does not fit this checkout's launchers is of no use. */
function decline(socket: net.Socket, why: string): void {
  socket.end(`${why}\n`, () => process.exit(0));
}

/** Settings that only steer spares, not the kernel a spare becomes. */
const SPARE_ONLY_KEYS = new Set(["BACKPROP_LAB_SPARE_OWNER", "BACKPROP_LAB_SPARE_KERNEL"]);

/** Why this spare cannot become the launcher's kernel, or undefined when it can. */
function whyNot(handover: Handover, sources: string): string | undefined {
  if (handover.node !== process.version) return `it runs Node ${process.version}, the launcher ${handover.node}`;
  const setting = (env: NodeJS.ProcessEnv) =>
    Object.keys(env)
      // The spare setting itself is left out: it names the socket, so both sides already agree on it ("1" or unset).
      .filter((key) => (key.startsWith("BACKPROP_LAB_") && !SPARE_ONLY_KEYS.has(key)) || key === "NODE_OPTIONS")
      .sort()
      .map((key) => `${key}=${env[key]}`)
      .join("\n");
  if (setting(handover.env) !== setting(process.env)) return "its BACKPROP_LAB_* or NODE_OPTIONS settings differ";
  if (sourceStamps() !== sources) return "the kernel's sources changed since it started";
  if (!existsSync(handover.cwd)) return `the folder ${handover.cwd} does not exist`;
  return undefined;
}

/** The first line a client sends, or undefined when it closes before sending one. */
function readLine(socket: net.Socket): Promise<string | undefined> {
  return new Promise((resolve) => {
    let text = "";
    const onData = (data: Buffer) => {
      text += data.toString();
      const end = text.indexOf("\n");
      if (end < 0) return;
      socket.off("data", onData);
      resolve(text.slice(0, end));
    };
    socket.on("data", onData);
    socket.on("close", () => resolve(undefined));
    socket.on("error", () => resolve(undefined));
  });
}

/** The launcher's request, parsed; a string says what was wrong with it. */
function parseHandover(line: string): Handover | string {
  try {
    return JSON.parse(line) as Handover;
  } catch {
    return "the launcher's request was not JSON";
  }
}

/** Listens on the socket; false if a live spare already does. A socket file nobody answers on is stale: replaced. */
async function listen(server: net.Server, socketPath: string): Promise<boolean> {
  if (existsSync(socketPath)) {
    if (await answers(socketPath)) return false;
    rmSync(socketPath, { force: true });
  }
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? resolve(false) : reject(error)));
    const previous = process.umask(0o077); // the socket is this user's alone
    server.listen(socketPath, () => resolve(true));
    process.umask(previous);
  });
}


/** True when a spare listens on the socket and says so (a socket file left by a killed spare answers nothing). */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe: net.Socket = net.connect(socketPath, () => probe.write(`${SPARE_QUESTION}\n`));
    void readLine(probe).then((line) => {
      probe.destroy();
      resolve(line?.startsWith(SPARE_ANSWER) === true);
    });
  });
}

function stopWaiting(server: net.Server, socketPath: string): void {
  server.close();
  rmSync(socketPath, { force: true });
  process.exit(0);
}

/** backprop-lab itself, loaded now, so a first import cell finds it in the require cache. */
function loadModuleAhead(): void {
  try {
    require(PROJECT_ROOT);
  } catch {
    // a module that fails to load says so when a cell imports it
  }
}

/** The modification times of every loaded project file: a spare whose sources changed since must not be used. */
function sourceStamps(): string {
  const files = Object.keys(require.cache).filter((file) => file.startsWith(PROJECT_ROOT + path.sep) && !file.includes("node_modules"));
  return files
    .sort()
    .map((file) => `${file}:${existsSync(file) ? statSync(file).mtimeMs : "gone"}`)
    .join("\n");
}

const claimFile = (socketPath: string) => `${socketPath}.starting`;

function claimedByLiveProcess(socketPath: string): boolean {
  try {
    return isAlive(Number(readFileSync(claimFile(socketPath), "utf8")));
  } catch {
    return false;
  }
}

function releaseClaim(socketPath: string): void {
  rmSync(claimFile(socketPath), { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // nobody to watch: only the idle lifetime ends it
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
