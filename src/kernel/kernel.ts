// The Jupyter protocol layer: sockets, the shell queue, and one handler per request type,
// behaving like ipykernel (busy/idle around every request, replies with status, real errors).

import path from "path";
import { Worker } from "worker_threads";
import * as zmq from "zeromq";
import { endsWithAssignment, printQuickInfo, warmUpConverter } from "./compiler";
import { installDisplaySink } from "../display/display";
import { runtimeError } from "./errors";
import { FirstSubscriberReplay } from "./iopub-replay";
import { Executor, type Outcome } from "./executor";
import { bundleFor, completeReply, inspectReply, isCompleteReply, kernelInfoContent } from "./introspection";
import { History, type HistoryRequest } from "./history";
import { GATE_STATE } from "./interrupt-gate";
import { ImmediateOutbox, Outbox } from "./send-queue";
import { startPhase } from "./start-timing";
import { StdinChannel } from "./stdin";
import { StreamCapture } from "./streams";
import {
  endpoint,
  KERNEL_SESSION,
  makeMessage,
  parseFrames,
  PROTOCOL_VERSION,
  serialize,
  Signer,
  type ConnectionInfo,
  type Message,
} from "./wire";

type Content = { [key: string]: unknown };
type Channel = "shell" | "control";

const PAGER = /^\s*(?:\?\s*([\w$.]+)|([\w$.]+)\s*\?)\s*$/;

export class Kernel {
  private readonly signer: Signer;
  private readonly iopub = new zmq.XPublisher();
  private readonly shell = new zmq.Router();
  private readonly iopubOut: ImmediateOutbox;
  private readonly iopubReplay = new FirstSubscriberReplay();
  private readonly shellOut = new Outbox(this.shell);
  private control: Worker | undefined;
  private readonly queue: Message[] = [];
  private draining = false;
  private executionCount = 0;
  private parent: Message | undefined;
  private readonly history = new History();
  private readonly streams: StreamCapture;
  private readonly stdin: StdinChannel;
  private readonly executor: Executor;
  private readonly replied = new WeakSet<Message>();
  private exiting = false;
  private lastRequestAt = performance.now();
  /** "ready" once the compiler is warm: the module is then loaded when the shell is next idle (preloadModuleWhenIdle). */
  private modulePreload: "waiting" | "ready" | "done" = "waiting";

  constructor(private readonly info: ConnectionInfo, cwd = process.cwd()) {
    this.signer = new Signer(info.key, info.signature_scheme);
    // A publisher never blocks (a slow subscriber loses messages past the high-water mark), so a
    // zero send timeout lets every send complete synchronously instead of every 512th waiting for
    // the event loop, which a synchronous cell does not give back.
    this.iopub.sendTimeout = 0;
    this.iopub.sendHighWaterMark = 100_000;
    this.streams = new StreamCapture((name, text) => this.publish("stream", { name, text }));
    this.iopubOut = new ImmediateOutbox(this.iopub, (text) => this.streams.log(text));
    this.stdin = new StdinChannel(this.signer, () => this.control);
    this.executor = new Executor(cwd, { tslab: () => this.tslabCompat() });
  }

  async start(): Promise<void> {
    this.streams.install();
    installDisplaySink({
      display: (bundle, options, update) =>
        this.publishOutput(update ? "update_display_data" : "display_data", {
          data: bundle,
          metadata: options.metadata ?? {},
          transient: options.displayId ? { display_id: options.displayId } : {},
        }),
      clear: (wait) => this.publishOutput("clear_output", { wait }),
      input: (prompt, password) => {
        if (!this.parent) throw new Error("prompt() was called outside a running cell");
        this.streams.flush();
        return this.stdin.request(this.parent, prompt, password);
      },
    });
    // A SIGINT seen here came outside any synchronous run (vm's watchdog takes those): it ends an awaiting cell.
    process.on("SIGINT", () => this.executor.interrupt());
    // A kernel manager stops kernels with SIGTERM (then SIGKILL): close the sockets and exit 0.
    process.on("SIGTERM", () => void this.exit());
    process.on("uncaughtException", (error) => console.error("Uncaught exception:", error));
    process.on("unhandledRejection", (reason) => console.error("Unhandled promise rejection:", reason));
    const bound = Promise.all([
      this.iopub.bind(endpoint(this.info, this.info.iopub_port)),
      this.shell.bind(endpoint(this.info, this.info.shell_port)),
      this.startControlThread(),
    ]);
    // TypeScript takes seconds to set up: start now, while zeromq binds and the control thread starts on
    // their own threads. The warm-up yields between its steps, so kernel_info is still answered early.
    void warmUpConverter()
      .then(() => {
        this.modulePreload = "ready";
        this.preloadModuleWhenIdle();
      })
      .catch((error) => this.streams.log(`compiler warm-up failed: ${(error as Error)?.stack ?? error}`));
    await bound;
    startPhase("sockets bound");
    this.iopubReplay.watch(this.iopub).catch((error) => this.streams.log(`iopub subscriptions failed: ${error}`));
    this.publishStatus("starting");
    this.readShell().catch((error) => this.streams.log(`shell socket failed: ${error}`));
  }

  /** Resolves once no request has come for `ms` and none is being handled: the front end's user is reading. */
  async whenQuiet(ms: number): Promise<void> {
    for (;;) {
      const wait = this.lastRequestAt + ms - performance.now();
      if (wait <= 0 && !this.draining && this.queue.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(wait, ms / 10)).unref());
    }
  }

  /** After warm-up, the module's run-time load too, at the first moment no request is queued or being handled. */
  private preloadModuleWhenIdle(): void {
    setImmediate(() => {
      if (this.modulePreload !== "ready" || this.draining || this.queue.length > 0) return;
      this.modulePreload = "done";
      this.executor.preloadModule();
      startPhase("backprop-lab loaded at run time");
    });
  }

  // ── sockets ────────────────────────────────────────────────────────────────────────────────

  private startControlThread(): Promise<void> {
    const worker = new Worker(path.join(__dirname, "control-thread.js"), {
      workerData: {
        info: this.info,
        session: KERNEL_SESSION,
        protocolVersion: PROTOCOL_VERSION,
        inputBuffer: this.stdin.shared,
        gateBuffer: this.executor.gate.shared,
        GATE: GATE_STATE,
        endpoints: {
          control: endpoint(this.info, this.info.control_port),
          hb: endpoint(this.info, this.info.hb_port),
          stdin: endpoint(this.info, this.info.stdin_port),
        },
      },
    });
    this.control = worker;
    return new Promise((resolve, reject) => {
      worker.on("message", (msg: { ready?: boolean; error?: string; frames?: Uint8Array[]; interrupt?: boolean; log?: string }) => {
        if (msg.ready) resolve();
        // Sent when no synchronous run was there to signal; a stale one (its cell already done) finds no request.
        if (msg.interrupt && this.executor.gate.requested()) this.executor.interrupt();
        if (msg.log) this.streams.log(msg.log);
        if (msg.error) reject(new Error(msg.error));
        if (msg.frames) this.receive(msg.frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)), "control");
      });
      worker.on("error", reject);
    });
  }

  private async readShell(): Promise<void> {
    for await (const frames of this.shell) this.receive(frames, "shell");
  }

  private receive(frames: Buffer[], channel: Channel): void {
    this.lastRequestAt = performance.now();
    const msg = parseFrames(frames, this.signer);
    if (typeof msg === "string") {
      this.streams.log(`backprop-lab kernel: dropped a ${channel} ${msg}`);
      return;
    }
    if (channel === "control") {
      this.handle(msg, channel).catch((error) => this.streams.log(`control handler failed: ${error?.stack ?? error}`));
      return;
    }
    this.queue.push(msg);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const msg = this.queue.shift() as Message;
      try {
        await this.handle(msg, "shell");
      } catch (error) {
        this.streams.log(`shell handler failed: ${(error as Error)?.stack ?? error}`);
      }
    }
    this.draining = false;
    if (this.modulePreload === "ready") this.preloadModuleWhenIdle();
  }

  private send(channel: Channel, msg: Message): Promise<unknown> {
    const frames = serialize(msg, this.signer);
    if (channel === "shell") return this.shellOut.send(frames);
    this.control?.postMessage({ frames });
    return Promise.resolve();
  }

  private reply(channel: Channel, request: Message, content: Content): Promise<unknown> {
    this.replied.add(request);
    const type = request.header.msg_type.replace(/_request$/, "_reply");
    return this.send(channel, makeMessage(type, content, request, request.identities));
  }

  private publish(msgType: string, content: Content, parent = this.parent): void {
    void this.iopubOut.send(serialize(makeMessage(msgType, content, parent), this.signer));
  }

  /** Outputs keep their order: pending stdout/stderr text goes out first. */
  private publishOutput(msgType: string, content: Content): void {
    this.streams.flush();
    this.publish(msgType, content);
  }

  /** Each status is also kept for iopub's first subscriber, and made again for it as a new message (iopub-replay.ts). */
  private publishStatus(state: "starting" | "busy" | "idle", parent = this.parent): void {
    // Not through publish(): its default parent would be the one current when the status is made again.
    const send = () => void this.iopubOut.send(serialize(makeMessage("status", { execution_state: state }, parent), this.signer));
    this.iopubReplay.published(send);
    send();
  }

  // ── dispatch ───────────────────────────────────────────────────────────────────────────────

  private async handle(msg: Message, channel: Channel): Promise<void> {
    this.publishStatus("busy", msg);
    try {
      switch (msg.header.msg_type) {
        case "kernel_info_request":
          await this.reply(channel, msg, kernelInfoContent());
          startPhase("kernel_info replied");
          break;
        case "execute_request":
          await this.execute(msg, channel);
          break;
        case "complete_request":
          await this.reply(channel, msg, completeReply(this.executor, msg.content, (line) => this.streams.log(line)));
          break;
        case "inspect_request":
          await this.reply(channel, msg, inspectReply(this.executor, msg.content, (line) => this.streams.log(line)));
          break;
        case "is_complete_request":
          await this.reply(channel, msg, isCompleteReply(String(msg.content.code ?? "")));
          break;
        case "history_request":
          await this.reply(channel, msg, { status: "ok", history: this.history.query(msg.content as HistoryRequest) });
          break;
        case "comm_info_request":
          await this.reply(channel, msg, { status: "ok", comms: {} });
          break;
        case "interrupt_request":
          this.executor.interrupt();
          await this.reply(channel, msg, { status: "ok" });
          break;
        case "shutdown_request":
          await this.shutdown(msg, channel);
          return;
        case "comm_open":
        case "comm_msg":
        case "comm_close":
          break;
        default:
          this.streams.log(`backprop-lab kernel: unknown message type ${msg.header.msg_type}`);
      }
    } catch (error) {
      // A handler that failed still answers: a client waiting for a reply must never hang.
      this.streams.log(`${channel} handler failed: ${(error as Error)?.stack ?? error}`);
      if (msg.header.msg_type.endsWith("_request") && !this.replied.has(msg)) await this.replyError(msg, channel, error);
    } finally {
      this.publishStatus("idle", msg);
    }
  }

  private async replyError(msg: Message, channel: Channel, error: unknown): Promise<void> {
    const failure = runtimeError(error, "<kernel>");
    const content: Content = { status: "error", ...failure };
    if (msg.header.msg_type === "execute_request") {
      this.streams.flush();
      this.publish("error", { ...failure }, msg);
      Object.assign(content, { execution_count: this.executionCount, payload: [], user_expressions: {} });
    }
    await this.reply(channel, msg, content).catch((e) => this.streams.log(`error reply failed: ${e}`));
  }

  // ── execute ────────────────────────────────────────────────────────────────────────────────

  private async execute(msg: Message, channel: Channel): Promise<void> {
    const content = msg.content;
    const code = String(content.code ?? "");
    const silent = content.silent === true;
    const storeHistory = !silent && content.store_history !== false;
    const stopOnError = content.stop_on_error !== false;
    if (storeHistory) this.executionCount += 1;
    const count = this.executionCount;
    this.streams.startCell();
    this.parent = msg;
    if (!silent) this.publish("execute_input", { code, execution_count: count });
    if (storeHistory) this.history.add(count, code);

    const payload: Content[] = [];
    const pager = PAGER.exec(code);
    let outcome: Outcome;
    if (pager) {
      outcome = { status: "ok", hasValue: false };
      const page = this.pageFor(pager[1] ?? pager[2]);
      if (page) payload.push({ source: "page", data: { "text/plain": page }, start: 0 });
      else console.log(`Object \`${pager[1] ?? pager[2]}\` not found.`);
    } else {
      outcome = await this.executor.run(code, `<cell ${count}>`);
      if (count === 1) startPhase("first cell run");
    }
    this.streams.flush();

    if (outcome.status === "ok" && outcome.hasValue && !silent && !endsWithAssignment(code)) {
      const data = bundleFor(outcome.value);
      if (storeHistory) this.history.setOutput(count, String(data["text/plain"]));
      this.publish("execute_result", { execution_count: count, data, metadata: {} });
    }
    if (outcome.status === "error") {
      const { ename, evalue, traceback } = outcome;
      this.publish("error", { ename, evalue, traceback });
    }
    const userExpressions = await this.userExpressions(content.user_expressions);
    this.streams.flush();
    const reply: Content =
      outcome.status === "ok"
        ? { status: "ok", execution_count: count, payload, user_expressions: userExpressions }
        : {
            status: "error",
            execution_count: count,
            ename: outcome.ename,
            evalue: outcome.evalue,
            traceback: outcome.traceback,
            payload: [],
            user_expressions: userExpressions,
          };
    // stop_on_error: what the client sent before this reply is aborted, and nothing after it.
    const aborted = outcome.status === "error" && stopOnError && !silent ? await this.takeQueuedExecutes() : [];
    await this.reply(channel, msg, reply);
    for (const request of aborted) {
      this.publishStatus("busy", request);
      await this.reply("shell", request, { status: "aborted", execution_count: this.executionCount });
      this.publishStatus("idle", request);
    }
  }

  /** The execute_requests the client sent before this reply: those queued here and those zeromq still holds. */
  private async takeQueuedExecutes(): Promise<Message[]> {
    // The shell reader takes what zeromq holds in the event loop's poll phase; `readable` says whether any is left.
    do await new Promise((resolve) => setImmediate(resolve));
    while (this.shell.readable);
    const executes = this.queue.filter((m) => m.header.msg_type === "execute_request");
    this.queue.splice(0, this.queue.length, ...this.queue.filter((m) => m.header.msg_type !== "execute_request"));
    return executes;
  }

  private async userExpressions(expressions: unknown): Promise<Content> {
    const out: Content = {};
    if (!expressions || typeof expressions !== "object") return out;
    for (const [name, expr] of Object.entries(expressions as { [name: string]: string })) {
      const result = await this.executor.run(String(expr), `<user expression ${name}>`, false);
      out[name] =
        result.status === "ok"
          ? { status: "ok", data: bundleFor(result.value), metadata: {} }
          : { status: "error", ename: result.ename, evalue: result.evalue, traceback: result.traceback };
    }
    return out;
  }

  private pageFor(name: string): string | undefined {
    try {
      const info = this.executor.inspect(name, name.length);
      return info ? printQuickInfo(info) : undefined;
    } catch {
      return undefined;
    }
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────

  private async shutdown(msg: Message, channel: Channel): Promise<void> {
    const restart = msg.content.restart === true;
    this.streams.flush();
    await this.reply(channel, msg, { status: "ok", restart });
    this.publishStatus("idle", msg);
    await this.iopubOut.settled();
    setTimeout(() => void this.exit(), 20);
  }

  /** Closes every socket before exiting: zeromq aborts the process if its context dies first. */
  private async exit(): Promise<void> {
    if (this.exiting) return;
    this.exiting = true;
    this.streams.uninstall();
    await Promise.race([this.iopubOut.settled(), new Promise((resolve) => setTimeout(resolve, 200))]);
    const worker = this.control;
    if (worker) {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage({ close: true });
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 500))]);
    }
    for (const socket of [this.iopub, this.shell]) socket.close();
    process.exit(0);
  }

  /** `import * as tslab from "tslab"` keeps working: its display calls land on our iopub. */
  private tslabCompat(): unknown {
    const jupyter = require("tslab/dist/jupyter");
    jupyter.lastWriteDisplayData = (data: Content, update: boolean) =>
      this.publishOutput(update ? "update_display_data" : "display_data", data);
    return require("tslab");
  }
}
