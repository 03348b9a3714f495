// A Jupyter server to execute notebooks on: a private one from .venv/ (loopback, random port and token) or an existing one.
import * as fs from "fs";
import * as path from "path";
import * as crypto from "crypto";
import { spawn, ChildProcess } from "child_process";
import { ServerConnection } from "@jupyterlab/services";
import { PROJECT_ROOT } from "../project-root";
import { freePort } from "./free-port";

export interface JupyterServer {
  /** Base URL, ending in "/". */
  url: string;
  token: string;
  /** Server's root directory on this machine, when known (always for a private server). */
  rootDir?: string;
  settings: ServerConnection.ISettings;
  /** True when we started it (and stop() shuts it down); false for --server URL. */
  owned: boolean;
  stop(): Promise<void>;
  /** The last lines the server (and the kernels it started, which share its stderr) printed; private servers only. */
  logTail?(lines?: number): string;
}

export interface StartServerOptions {
  /** Directory the server serves; kernels can only be started in folders under it. Default: the filesystem root. */
  rootDir?: string;
  /** `jupyter` executable; default .venv/bin/jupyter of this project, else the one on PATH. */
  jupyter?: string;
  /**
   * Milliseconds to wait for the server to answer; default 180 s. Generous on purpose: Jupyter imports its extensions
   * first, and on a machine busy with other work that alone has taken over a minute. A server that died fails at once.
   */
  startTimeoutMs?: number;
  /** Extra environment for the server and its kernels. */
  env?: NodeJS.ProcessEnv;
}

/** A server that cannot be started or reached; the message says which and why. */
export class JupyterServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JupyterServerError";
  }
}

function makeSettings(url: string, token: string): ServerConnection.ISettings {
  const baseUrl = url.endsWith("/") ? url : `${url}/`;
  return ServerConnection.makeSettings({ baseUrl, wsUrl: `ws${baseUrl.slice(4)}`, token, appendToken: true });
}

export function defaultJupyter(): string {
  const local = process.platform === "win32" ? path.join(PROJECT_ROOT, ".venv", "Scripts", "jupyter.exe") : path.join(PROJECT_ROOT, ".venv", "bin", "jupyter");
  return fs.existsSync(local) ? local : "jupyter";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when a Jupyter server answers api/status at `url` with this token within `timeoutMs`. */
export async function answers(url: string, token: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetch(`${url}api/status`, { headers: { Authorization: `token ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Every server we started, so a signal handler can stop them all. */
const running = new Set<JupyterServer>();

export function runningServers(): JupyterServer[] {
  return [...running];
}

export async function startJupyterServer(opts: StartServerOptions = {}): Promise<JupyterServer> {
  const rootDir = path.resolve(opts.rootDir ?? path.parse(process.cwd()).root);
  const jupyter = opts.jupyter ?? defaultJupyter();
  const timeout = opts.startTimeoutMs ?? 180_000;
  const token = crypto.randomBytes(24).toString("hex");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const args = [
    "server",
    "--no-browser",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0",
    `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${rootDir}`,
    // A stray Ctrl-C reaching the server shuts it down instead of prompting on a terminal it does not own.
    "--ServerApp.answer_yes=True",
    ...(typeof process.getuid === "function" && process.getuid() === 0 ? ["--allow-root"] : []),
  ];
  // The venv's bin first on PATH, so kernels such as python3 (ipykernel) come from the same environment.
  const binDir = path.dirname(jupyter);
  // No spare kernels (src/kernel/spare.ts), even when started from a kernel that has them: this server runs
  // notebooks in a batch, where a spare warming up would take CPU from the kernel at work.
  const env = {
    ...process.env,
    BACKPROP_LAB_SPARE_KERNEL: "0",
    ...opts.env,
    PATH: binDir === "." ? process.env.PATH : `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
  };
  let child: ChildProcess;
  try {
    child = spawn(jupyter, args, { cwd: rootDir, env, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new JupyterServerError(`could not run ${jupyter}: ${(error as Error).message}`);
  }
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-16000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.on("error", (error) => {
      exited = `could not run ${jupyter}: ${error.message}${jupyter === "jupyter" ? " (run `npm run setup` to create .venv/)" : ""}`;
      resolve();
    });
    child.on("exit", (code, signal) => {
      exited ??= `exited with ${signal ?? `code ${code}`}`;
      resolve();
    });
  });

  const server: JupyterServer = {
    url,
    token,
    rootDir,
    settings: makeSettings(url, token),
    owned: true,
    logTail: (lines = 12) => log.trim().split("\n").slice(-lines).join("\n"),
    async stop() {
      running.delete(server);
      if (exited !== undefined) return;
      child.kill("SIGCONT"); // a stopped server (SIGSTOP) would hold the SIGTERM until the SIGKILL below
      child.kill("SIGTERM"); // jupyter server shuts its kernels down on SIGTERM
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exitPromise;
      clearTimeout(killer);
    },
  };
  running.add(server);

  const deadline = Date.now() + timeout;
  while (!(await answers(url, token))) {
    if (exited !== undefined) {
      running.delete(server);
      throw new JupyterServerError(`Jupyter server (${jupyter}) did not start: ${exited}\n${log.trim().split("\n").slice(-8).join("\n")}`);
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new JupyterServerError(`Jupyter server (${jupyter}) did not answer on ${url} within ${timeout / 1000} s\n${log.trim().split("\n").slice(-8).join("\n")}`);
    }
    await sleep(100);
  }
  return server;
}

/** Uses a server that is already running (`--server URL --token T`); checks that it answers. */
export async function connectJupyterServer(url: string, token: string, rootDir?: string): Promise<JupyterServer> {
  const base = url.endsWith("/") ? url : `${url}/`;
  if (!/^https?:\/\//.test(base)) throw new JupyterServerError(`--server must be an http(s) URL, got ${JSON.stringify(url)}`);
  if (!(await answers(base, token))) throw new JupyterServerError(`no Jupyter server answers at ${base}api/status with that token`);
  return { url: base, token, rootDir, settings: makeSettings(base, token), owned: false, stop: async () => {} };
}

export interface ServerOptions extends StartServerOptions {
  /** Use this running server instead of starting one. */
  url?: string;
  token?: string;
}

/** Runs fn with a server and always stops a server it started, whatever fn does. */
export async function withJupyterServer<T>(opts: ServerOptions, fn: (server: JupyterServer) => Promise<T>): Promise<T> {
  const server = opts.url ? await connectJupyterServer(opts.url, opts.token ?? "", opts.rootDir) : await startJupyterServer(opts);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}
