// A small Jupyter client over zeromq for kernel tests: starts our kernel on a fresh connection
// file and speaks the signed wire protocol on shell, control and iopub.

import { spawn, type ChildProcess } from "child_process";
import { randomBytes } from "crypto";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import * as zmq from "zeromq";
import { freePort } from "../../src/notebook/free-port";
import { KERNEL_NODE_FLAGS } from "../../src/kernel/node-flags";
import { makeMessage, parseFrames, serialize, Signer, type ConnectionInfo, type Message } from "../../src/kernel/wire";
import { PROJECT_ROOT } from "../../src/project-root";

export { PROJECT_ROOT };
/** Budget for a kernel's start and first cell; a test file's beforeAll gets a little more (WARM_UP_MS + 10 s). */
export const WARM_UP_MS = 170_000;

export interface ExecuteResult {
  reply: Message;
  outputs: Message[];
}

export class KernelClient {
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  private readonly signer: Signer;
  private readonly shell = new zmq.Dealer();
  private readonly control = new zmq.Dealer();
  private readonly iopub = new zmq.Subscriber();
  private readonly iopubMessages: Message[] = [];
  private readonly replies = new Map<string, (msg: Message) => void>();
  private readonly early = new Map<string, Message>();
  private iopubWaiters: (() => void)[] = [];
  private closed = false;
  /** Holds the connection file; removed on close. */
  private readonly connectionDir: string;
  /** performance.now() when each reply or iopub message reached this client. */
  readonly arrivedAt = new WeakMap<Message, number>();
  /** Milliseconds from spawning the kernel to its first kernel_info_reply. */
  startMs = 0;

  private constructor(readonly info: ConnectionInfo, readonly cwd: string, argv?: (file: string) => string[]) {
    this.signer = new Signer(info.key, info.signature_scheme);
    this.connectionDir = mkdtempSync(path.join(os.tmpdir(), "bpl-conn-"));
    const file = path.join(this.connectionDir, "kernel.json");
    writeFileSync(file, JSON.stringify(info));
    // Another kernel's argv names its own program (python, deno); ours runs under this Node.
    const [command, ...args] = (argv ?? ourKernel)(file);
    this.process = spawn(command, args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process.stderr?.on("data", (d) => this.stderr.push(String(d)));
    this.process.stdout?.on("data", (d) => this.stderr.push(String(d)));
  }

  /** Starts our kernel in cwd; `argv` (program first) starts another kernel (ipykernel, stock tslab) for comparison. */
  static async start(cwd: string = PROJECT_ROOT, argv?: (connectionFile: string) => string[]): Promise<KernelClient> {
    const info = await newConnectionInfo();
    const spawnedAt = performance.now();
    const client = new KernelClient(info, cwd, argv);
    client.shell.connect(`tcp://127.0.0.1:${info.shell_port}`);
    client.control.connect(`tcp://127.0.0.1:${info.control_port}`);
    client.iopub.connect(`tcp://127.0.0.1:${info.iopub_port}`);
    client.iopub.subscribe();
    void client.readReplies(client.shell);
    void client.readReplies(client.control);
    void client.readIopub();
    const first = client.send("kernel_info_request", {});
    await withTimeout(first.reply, 30_000, "kernel_info_request reply");
    client.startMs = performance.now() - spawnedAt;
    await client.iopubConnected(first.id);
    return client;
  }

  /**
   * Starts our kernel and runs a first cell, which waits for TypeScript to load: a busy machine pays that
   * here, under a generous budget, and not in the first test's.
   */
  static async startWarm(cwd: string = PROJECT_ROOT): Promise<KernelClient> {
    const client = await KernelClient.start(cwd);
    await client.execute("0", {}, WARM_UP_MS);
    return client;
  }

  /**
   * A subscriber misses what is published before its subscription reaches the kernel, which a
   * shell reply does not prove (under load the first cell lost its busy and execute_input). As
   * jupyter_client does, ask kernel_info until its status messages arrive on iopub. Usually the
   * first request's already have, so nothing more is sent (the kernel's warm-up is not waited for).
   */
  private async iopubConnected(firstId: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let id = firstId; Date.now() < deadline; id = this.send("kernel_info_request", {}).id) {
      const heard = await this.iopubFor(id, 500).then(
        () => true,
        () => false,
      );
      if (heard) return;
    }
    throw new Error(`no iopub messages from the kernel within ${timeoutMs} ms`);
  }

  private async readReplies(socket: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const msg = parseFrames(frames, this.signer);
        if (typeof msg === "string") throw new Error(msg);
        this.arrivedAt.set(msg, performance.now());
        const id = String(msg.parent_header.msg_id);
        const waiter = this.replies.get(id);
        if (waiter) {
          this.replies.delete(id);
          waiter(msg);
        } else this.early.set(id, msg);
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  private async readIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const msg = parseFrames(frames, this.signer);
        if (typeof msg === "string") throw new Error(msg);
        this.arrivedAt.set(msg, performance.now());
        this.iopubMessages.push(msg);
        const waiters = this.iopubWaiters;
        this.iopubWaiters = [];
        waiters.forEach((w) => w());
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  /** Sends a request; returns its id at once and its reply when it comes. */
  send(type: string, content: object, channel: "shell" | "control" = "shell"): { id: string; reply: Promise<Message> } {
    const msg = makeMessage(type, content as Message["content"]);
    msg.header.session = "test-client";
    const id = msg.header.msg_id;
    const reply = new Promise<Message>((resolve) => {
      const early = this.early.get(id);
      if (early) resolve(early);
      else this.replies.set(id, resolve);
    });
    void (channel === "shell" ? this.shell : this.control).send(serialize(msg, this.signer) as Buffer[]);
    return { id, reply };
  }

  async request(type: string, content: object, channel: "shell" | "control" = "shell", timeoutMs = 20_000): Promise<Message> {
    const { reply } = this.send(type, content, channel);
    return withTimeout(reply, timeoutMs, `${type} reply`);
  }

  /** All iopub messages for a request, up to and including its idle status. */
  async iopubFor(id: string, timeoutMs = 20_000): Promise<Message[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mine = this.iopubMessages.filter((m) => m.parent_header.msg_id === id);
      if (mine.some((m) => m.header.msg_type === "status" && m.content.execution_state === "idle")) return mine;
      if (Date.now() > deadline) throw new Error(`no idle status for ${id}; got ${mine.map((m) => m.header.msg_type)}`);
      await new Promise<void>((resolve) => {
        this.iopubWaiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** Waits until the request's stdout/stderr so far contains `text`: proof the cell got that far. */
  async streamed(id: string, text: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const sofar = () =>
      this.iopubMessages
        .filter((m) => m.parent_header.msg_id === id && m.header.msg_type === "stream")
        .map((m) => m.content.text)
        .join("");
    while (!sofar().includes(text)) {
      if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(text)} on stdout/stderr of ${id} within ${timeoutMs} ms; got ${JSON.stringify(sofar())}`);
      await new Promise<void>((resolve) => {
        this.iopubWaiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async execute(code: string, options: object = {}, timeoutMs = 20_000): Promise<ExecuteResult> {
    const sent = this.executeAsync(code, options);
    const reply = await withTimeout(sent.reply, timeoutMs, "execute_reply");
    const all = await this.iopubFor(sent.id, timeoutMs);
    return { reply, outputs: all.filter((m) => !["status", "execute_input"].includes(m.header.msg_type)) };
  }

  executeAsync(code: string, options: object = {}): { id: string; reply: Promise<Message> } {
    return this.send("execute_request", {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
      ...options,
    });
  }

  async close(): Promise<void> {
    if (!this.closed && this.process.exitCode === null) {
      await this.request("shutdown_request", { restart: false }, "control", 5_000).catch(() => undefined);
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          this.process.kill("SIGKILL");
          resolve(undefined);
        }, 3_000);
        this.process.once("exit", () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    this.closed = true;
    this.shell.close();
    this.control.close();
    this.iopub.close();
    rmSync(this.connectionDir, { recursive: true, force: true });
  }
}

/** A connection file's contents for a kernel on free local ports, with a fresh key. */
export async function newConnectionInfo(): Promise<ConnectionInfo> {
  const [shell, iopub, stdin, control, hb] = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
  return {
    transport: "tcp",
    ip: "127.0.0.1",
    key: randomBytes(16).toString("hex"),
    signature_scheme: "hmac-sha256",
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
  };
}

/** Our kernel's argv for a connection file, program first, as the kernelspec without a launcher runs it. */
export const ourKernel = (connectionFile: string) => [process.execPath, ...KERNEL_NODE_FLAGS, path.join(PROJECT_ROOT, "bin", "backprop-lab.js"), "kernel", connectionFile];

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}
