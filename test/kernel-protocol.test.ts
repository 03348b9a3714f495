// The kernel over its real zeromq sockets: results, errors, stop_on_error, display ids, interrupts,
// async output, introspection, heartbeat and shutdown, checked message by message.

import path from "path";
import * as zmq from "zeromq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, PROJECT_ROOT, WARM_UP_MS, withTimeout } from "./helpers/kernel-client";
import type { Message } from "../src/kernel/wire";

let kernel: KernelClient;

beforeAll(async () => {
  kernel = await KernelClient.startWarm(path.join(PROJECT_ROOT, "notebooks"));
}, WARM_UP_MS + 10_000);

afterAll(async () => {
  await kernel?.close();
});

const ofType = (outputs: Message[], type: string) => outputs.filter((m) => m.header.msg_type === type);

describe("kernel protocol", () => {
  it("answers kernel_info with status and full language_info", async () => {
    const reply = await kernel.request("kernel_info_request", {});
    expect(reply.content.status).toBe("ok");
    expect(reply.content.protocol_version).toBe("5.3");
    expect(reply.content.language_info).toMatchObject({
      name: "typescript",
      file_extension: ".ts",
      mimetype: "text/typescript",
      codemirror_mode: { name: "javascript", typescript: true },
    });
  });

  it("loads backprop-lab at run time once warm and idle, before any cell imports it", async () => {
    const loaded = `Object.keys(require.cache).some((file) => file === ${JSON.stringify(path.join(PROJECT_ROOT, "src", "index.ts"))})`;
    // The kernel loads it when its shell queue empties after warm-up, so the answer turns true within a few cells.
    const answers: string[] = [];
    for (let i = 0; i < 10 && answers[answers.length - 1] !== "true"; i++) {
      const { outputs } = await kernel.execute(loaded);
      answers.push(String((ofType(outputs, "execute_result")[0]?.content.data as { "text/plain": string })["text/plain"]));
    }
    expect(answers[answers.length - 1]).toBe("true");
  });

  it("sends busy, execute_input, execute_result and idle for the last expression", async () => {
    const sent = kernel.executeAsync("const a = 20;\na + 22");
    const reply = await sent.reply;
    const all = await kernel.iopubFor(sent.id);
    expect(all.map((m) => m.header.msg_type)).toEqual(["status", "execute_input", "execute_result", "status"]);
    expect(all[0].content.execution_state).toBe("busy");
    expect(all[2].content.data).toEqual({ "text/plain": "42" });
    expect(all[2].content.execution_count).toBe(reply.content.execution_count);
    expect(reply.content).toMatchObject({ status: "ok", user_expressions: {}, payload: [] });
  });

  it("shows no result for a cell ending in an assignment, but does for a bare expression", async () => {
    const { reply } = await kernel.execute("let shown = 1;\nconst box = { p: 0 };\nlet pair = [0, 0];");
    expect(reply.content.status).toBe("ok");
    for (const code of ["shown = 2", "shown += 1", "box.p = 3", "[pair[0], pair[1]] = [4, 5]", "({ p: shown } = box)"]) {
      const { reply: r, outputs } = await kernel.execute(code);
      expect(r.content.status).toBe("ok");
      expect(outputs.map((m) => m.header.msg_type), code).toEqual([]);
    }
    const { outputs } = await kernel.execute("[shown, box.p, pair]");
    expect(ofType(outputs, "execute_result")[0].content.data).toEqual({ "text/plain": "[ 3, 3, [ 4, 5 ] ]" });
  });

  it("keeps variables between cells and awaits top-level await", async () => {
    await kernel.execute("let total = 1");
    const { outputs } = await kernel.execute("total += await new Promise<number>((r) => setTimeout(() => r(4), 10));\ntotal");
    expect(ofType(outputs, "execute_result")[0].content.data).toEqual({ "text/plain": "5" });
  });

  it("reports a type error with ename, evalue and the cell's line:column", async () => {
    const { reply, outputs } = await kernel.execute("const ok = 1;\nconst n: number = 'two';");
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("CompileError");
    expect(reply.content.evalue).toContain("2:7");
    expect(reply.content.evalue).toContain("not assignable to type 'number'");
    expect((reply.content.traceback as string[])[0]).toContain("TS2322");
    expect(outputs.map((m) => m.header.msg_type)).toEqual(["error"]);
    expect(outputs[0].content.ename).toBe("CompileError");
  });

  it("reports a runtime exception with its class, message and a stack trimmed to the cell", async () => {
    const { reply, outputs } = await kernel.execute("function inner() { return (null as any).x; }\ninner()");
    expect(reply.content).toMatchObject({ status: "error", ename: "TypeError" });
    expect(reply.content.evalue).toMatch(/Cannot read properties of null/);
    const traceback = reply.content.traceback as string[];
    expect(traceback[0]).toMatch(/^TypeError: /);
    expect(traceback.some((line) => /at inner \(<cell \d+>:1\)/.test(line))).toBe(true); // the cell's own line
    expect(traceback.some((line) => /at <cell \d+>:2$/.test(line))).toBe(true);
    expect(traceback.filter((line) => /node:internal|src\/kernel\//.test(line))).toEqual([]);
    expect(ofType(outputs, "error")).toHaveLength(1);
  });

  it("shows a wrong answer's error with the cell's frames and none of the module's own", async () => {
    const code = ['import { checkNumber } from "backprop-lab";', "function check(dw: number) {", '  checkNumber("dL/dw", dw, 6);', "}", "check(3);"].join("\n");
    const { reply } = await kernel.execute(code, {}, 60_000);
    expect(reply.content).toMatchObject({ status: "error", ename: "ExerciseError" });
    const traceback = reply.content.traceback as string[];
    expect(traceback[0]).toMatch(/^ExerciseError: .*dL\/dw/);
    expect(traceback.some((line) => /at check \(<cell \d+>:3\)/.test(line))).toBe(true);
    expect(traceback.some((line) => /at <cell \d+>:5$/.test(line))).toBe(true);
    expect(traceback.filter((line) => /\/src\/|at fail|checkNumber \(/.test(line))).toEqual([]);
  }, 60_000);

  it("aborts queued requests after an error only when stop_on_error asks for it", async () => {
    const failing = kernel.executeAsync("throw new Error('first')");
    const queued = kernel.executeAsync("'not run'");
    expect((await failing.reply).content.status).toBe("error");
    expect((await queued.reply).content.status).toBe("aborted");
    // No abort window afterwards: the very next request runs.
    const next = await kernel.execute("'runs'");
    expect(next.reply.content.status).toBe("ok");

    const tolerant = kernel.executeAsync("throw new Error('second')", { stop_on_error: false });
    const after = kernel.executeAsync("'still runs'");
    expect((await tolerant.reply).content.status).toBe("error");
    expect((await after.reply).content.status).toBe("ok");
  });

  it("streams stdout and stderr, including output written after the cell returned", async () => {
    const sent = kernel.executeAsync("console.log('now'); process.stderr.write('warn\\n'); setTimeout(() => console.log('later'), 30);");
    await sent.reply;
    await kernel.streamed(sent.id, "later");
    const streams = (await kernel.iopubFor(sent.id)).filter((m) => m.header.msg_type === "stream");
    const text = (name: string) => streams.filter((m) => m.content.name === name).map((m) => m.content.text).join("");
    expect(text("stdout")).toBe("now\nlater\n");
    expect(text("stderr")).toBe("warn\n");
  });

  it("sends display bundles with a display id and updates them in place", async () => {
    const code = [
      'import { displayBundle } from "backprop-lab";',
      'const h = displayBundle({ "text/html": "<b>1</b>", "text/plain": "1" }, { displayId: "progress" });',
      'h.update({ "text/html": "<b>2</b>", "text/plain": "2" });',
    ].join("\n");
    const { reply, outputs } = await kernel.execute(code, {}, 60_000);
    expect(reply.content.status).toBe("ok");
    const [shown] = ofType(outputs, "display_data");
    expect(shown.content).toMatchObject({ data: { "text/html": "<b>1</b>", "text/plain": "1" }, transient: { display_id: "progress" } });
    const [updated] = ofType(outputs, "update_display_data");
    expect(updated.content).toMatchObject({ data: { "text/html": "<b>2</b>" }, transient: { display_id: "progress" } });
  }, 60_000);

  it("delivers busy, display updates and stdout while a synchronous cell is still running", async () => {
    // A training loop never yields to the event loop: outputs must leave the kernel during it.
    const code = [
      'import { displayBundle } from "backprop-lab";',
      'const bar = displayBundle({ "text/plain": "step 0" });',
      "const start = Date.now();",
      "let next = 0;",
      "while (Date.now() - start < 1500) {",
      "  if (Date.now() - start >= next) {",
      "    next += 300;",
      "    bar.update({ \"text/plain\": `step ${next}` });",
      "    console.log(`loss at ${next}`);",
      "  }",
      "}",
    ].join("\n");
    const sent = kernel.executeAsync(code);
    const reply = await withTimeout(sent.reply, 60_000, "execute_reply");
    const replyAt = kernel.arrivedAt.get(reply) as number;
    expect(reply.content.status).toBe("ok");
    const all = await kernel.iopubFor(sent.id);
    const at = (m: Message) => kernel.arrivedAt.get(m) as number;
    const busy = all.find((m) => m.header.msg_type === "status" && m.content.execution_state === "busy") as Message;
    const updates = ofType(all, "update_display_data");
    const stdout = ofType(all, "stream").filter((m) => m.content.name === "stdout");
    expect(updates.length).toBeGreaterThanOrEqual(4);
    expect(stdout.map((m) => m.content.text).join("")).toContain("loss at 300\n");
    // The loop runs 1.5 s after the first update: arriving ≥ 0.8 s before the reply means live.
    expect(replyAt - at(busy)).toBeGreaterThan(800);
    expect(replyAt - at(updates[0])).toBeGreaterThan(800);
    expect(replyAt - at(stdout[0])).toBeGreaterThan(800);
    // Messages keep their order: every update before the reply's idle, in the order sent.
    expect(updates.map((m) => m.content.data)).toEqual(
      updates.map((_, i) => ({ "text/plain": `step ${300 * (i + 1)}` })),
    );
  }, 60_000);

  it("still replies, with the error, when the kernel's own handler throws", async () => {
    // The cell runs fine, but showing its value throws inside the kernel's execute handler.
    const code = '({ [Symbol.for("nodejs.util.inspect.custom")]: () => { throw new Error("cannot show me"); } })';
    const { reply, outputs } = await kernel.execute(code);
    expect(reply.content).toMatchObject({ status: "error", ename: "Error", evalue: "cannot show me" });
    expect(reply.content.traceback as string[]).toContain("Error: cannot show me");
    expect(ofType(outputs, "error")[0].content).toMatchObject({ ename: "Error", evalue: "cannot show me" });
    const after = await kernel.execute("1 + 1");
    expect(ofType(after.outputs, "execute_result")[0].content.data).toEqual({ "text/plain": "2" });
  });

  it("adds a value's own MIME bundle to its execute_result", async () => {
    const code = [
      'import { MIME_BUNDLE } from "backprop-lab";',
      '({ [MIME_BUNDLE]: () => ({ "text/html": "<i>rich</i>" }) })',
    ].join("\n");
    const { outputs } = await kernel.execute(code, {}, 60_000);
    const data = ofType(outputs, "execute_result")[0].content.data as { [mime: string]: string };
    expect(data["text/html"]).toBe("<i>rich</i>");
    expect(typeof data["text/plain"]).toBe("string");
  }, 60_000);

  it("runs silent code without execute_input, result or a new execution count", async () => {
    const before = (await kernel.execute("1")).reply.content.execution_count as number;
    const sent = kernel.executeAsync("2", { silent: true });
    const reply = await sent.reply;
    const types = (await kernel.iopubFor(sent.id)).map((m) => m.header.msg_type);
    expect(types).toEqual(["status", "status"]);
    expect(reply.content.execution_count).toBe(before);
  });

  it("shows an array of records as an HTML table beside its text", async () => {
    const { outputs } = await kernel.execute("[{ lr: 0.1, loss: 2.3 }, { lr: 0.5, loss: 0.41 }]");
    const result = outputs.find((m) => m.header.msg_type === "execute_result");
    const data = result?.content.data as { [mime: string]: string };
    expect(data["text/plain"]).toContain("lr: 0.5");
    expect(data["text/html"]).toContain("<th>lr</th><th>loss</th>");
    expect(data["text/html"]).toContain('<tr><th>1</th><td style="text-align: right">0.5</td><td style="text-align: right">0.41</td></tr>');
  });

  it("evaluates user_expressions after the cell", async () => {
    const { reply } = await kernel.execute("const u = 6", { user_expressions: { twice: "u * 2", bad: "nope()" } });
    const exprs = reply.content.user_expressions as { [k: string]: { status: string; data?: object; ename?: string } };
    expect(exprs.twice).toMatchObject({ status: "ok", data: { "text/plain": "12" } });
    expect(exprs.bad.status).toBe("error");
  });

  it("interrupts an infinite loop by interrupt_request and by SIGINT", async () => {
    for (const how of ["message", "signal"]) {
      // Interrupt once the loop runs: an interrupt that reaches an idle kernel is ignored, as in ipykernel.
      const sent = kernel.executeAsync("console.log('looping'); while (true) {}");
      await kernel.streamed(sent.id, "looping");
      if (how === "message") expect((await kernel.request("interrupt_request", {}, "control")).content.status).toBe("ok");
      else kernel.process.kill("SIGINT");
      const reply = await withTimeout(sent.reply, 10_000, `reply after interrupt by ${how}`);
      expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    }
    expect((await kernel.execute("'alive'")).reply.content.status).toBe("ok");
  }, 30_000);

  it("interrupts a cell that awaits forever", async () => {
    // 'waiting' comes after the first await: the cell is then past vm's SIGINT watchdog and truly awaiting.
    const sent = kernel.executeAsync("await null; console.log('waiting'); await new Promise(() => {})");
    await kernel.streamed(sent.id, "waiting");
    await kernel.request("interrupt_request", {}, "control");
    expect((await withTimeout(sent.reply, 10_000, "reply")).content.ename).toBe("KeyboardInterrupt");
  });

  it("says complete, incomplete (with indent) or invalid", async () => {
    const status = async (code: string) => (await kernel.request("is_complete_request", { code })).content;
    expect(await status("let x = 1")).toEqual({ status: "complete" });
    expect(await status("function f() {")).toEqual({ status: "incomplete", indent: "  " });
    expect((await status("1 +* 2")).status).toBe("invalid");
    expect((await status("let = ;")).status).toBe("invalid");
  });

  it("completes and inspects with the types of earlier cells", async () => {
    await kernel.execute("const learningRate = 0.5");
    const complete = await kernel.request("complete_request", { code: "learningR", cursor_pos: 9 });
    expect(complete.content).toMatchObject({ status: "ok", cursor_start: 0, cursor_end: 9 });
    expect(complete.content.matches).toContain("learningRate");
    const inspect = await kernel.request("inspect_request", { code: "learningRate", cursor_pos: 3, detail_level: 0 });
    expect(inspect.content).toMatchObject({ status: "ok", found: true });
    expect((inspect.content.data as { "text/plain": string })["text/plain"]).toContain("learningRate: 0.5");
  });

  it("answers history tail, range and search, and comm_info", async () => {
    await kernel.execute("'history marker'");
    const tail = await kernel.request("history_request", { output: true, raw: true, hist_access_type: "tail", n: 1 });
    const [[session, line, [input, output]]] = tail.content.history as [number, number, [string, string]][];
    expect(input).toBe("'history marker'");
    expect(output).toBe("'history marker'");
    const range = await kernel.request("history_request", { output: false, raw: true, hist_access_type: "range", session, start: line, stop: line + 1 });
    expect(range.content.history).toEqual([[session, line, "'history marker'"]]);
    const search = await kernel.request("history_request", { output: false, raw: true, hist_access_type: "search", pattern: "*marker*", unique: true });
    expect(search.content.history).toHaveLength(1);
    expect((await kernel.request("comm_info_request", {})).content).toEqual({ status: "ok", comms: {} });
  });

  it("echoes heartbeats", async () => {
    const hb = new zmq.Request();
    hb.connect(`tcp://127.0.0.1:${kernel.info.hb_port}`);
    await hb.send("ping");
    const [echo] = await withTimeout(hb.receive(), 5_000, "heartbeat");
    expect(echo.toString()).toBe("ping");
    hb.close();
  });

  it("exits cleanly (code 0) on SIGTERM, as kernel managers stop kernels", async () => {
    const other = await KernelClient.start(PROJECT_ROOT);
    // After a first cell: TypeScript's warm-up holds the event loop (and so the SIGTERM handler) on a busy machine.
    expect((await other.execute("1", {}, 120_000)).reply.content.status).toBe("ok");
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      other.process.once("exit", (code, signal) => resolve([code, signal])),
    );
    other.process.kill("SIGTERM");
    expect(await withTimeout(exited, 30_000, "kernel exit")).toEqual([0, null]);
    await other.close();
  }, 180_000);

  it("shuts down (restart) on the control channel and exits cleanly", async () => {
    const other = await KernelClient.start(PROJECT_ROOT);
    const exited = new Promise<number | null>((resolve) => other.process.once("exit", (code) => resolve(code)));
    // The main thread answers shutdown: on a busy machine it may first finish TypeScript's warm-up.
    const reply = await other.request("shutdown_request", { restart: true }, "control", WARM_UP_MS);
    expect(reply.content).toEqual({ status: "ok", restart: true });
    expect(await withTimeout(exited, 10_000, "kernel exit")).toBe(0);
    await other.close();
  }, WARM_UP_MS + 30_000);
});
