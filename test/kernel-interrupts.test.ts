// Interrupts at any moment never kill the kernel: many interrupt_requests fired at random points around
// short, looping and awaiting cells (before, during and after vm's SIGINT watchdog), and SIGINTs while idle.

import path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, PROJECT_ROOT, WARM_UP_MS, withTimeout } from "./helpers/kernel-client";
import type { Message } from "../src/kernel/wire";

let kernel: KernelClient;
let died: Promise<never>;

beforeAll(async () => {
  kernel = await KernelClient.startWarm(path.join(PROJECT_ROOT, "notebooks"));
  died = new Promise<never>((_, reject) => {
    kernel.process.once("exit", (code, signal) => reject(new Error(`the kernel died (exit ${code}, signal ${signal})\n${kernel.stderr.join("")}`)));
  });
  died.catch(() => {});
}, WARM_UP_MS + 10_000);

afterAll(async () => {
  await kernel?.close();
});

/** mulberry32: the same seed gives the same schedule, printed so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lets the kernel get 0 to ~4 ms further: immediate turns for sub-millisecond spacing, timers beyond. */
async function pause(next: () => number): Promise<void> {
  const turns = Math.floor(next() * 8);
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
  if (next() < 0.5) await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 4)));
}

const alive = <T>(promise: Promise<T>, what: string) => Promise.race([withTimeout(promise, 30_000, what), died]);

// Cached after their first run, so most of each round is the run itself (vm's entry and exit), not compiling.
const SHORT_CELLS = [
  "1 + 1",
  "(() => { let t = 0; for (let k = 0; k < 20000; k++) t += k; return t; })()",
  "await null; 3",
  "await new Promise((resolve) => setTimeout(resolve, 2)); 4",
  "console.log('x')",
];

describe("interrupts at random moments", () => {
  it("leave the kernel answering, and stop every cell they reach", async () => {
    const seed = Number(process.env.INTERRUPT_SEED ?? Date.now() % 1_000_000);
    const next = random(seed);
    const outcomes = { ok: 0, interrupted: 0 };
    const expectDone = (reply: Message, what: string) => {
      const { status, ename } = reply.content;
      expect(status === "ok" || ename === "KeyboardInterrupt", `seed ${seed}, ${what}: ${JSON.stringify(reply.content)}`).toBe(true);
      outcomes[status === "ok" ? "ok" : "interrupted"] += 1;
    };

    for (let round = 0; round < 160; round++) {
      if (round % 20 === 7) {
        // A loop that only an interrupt ends: keep interrupting at random moments until it has.
        const sent = kernel.executeAsync("while (true) {}");
        let replied = false;
        const reply = sent.reply.finally(() => (replied = true));
        while (!replied) {
          await pause(next);
          await alive(kernel.request("interrupt_request", {}, "control"), `interrupt_request (round ${round})`);
        }
        const done = await alive(reply, `reply to the loop (round ${round})`);
        expect(done.content.ename, `seed ${seed}, round ${round}`).toBe("KeyboardInterrupt");
        outcomes.interrupted += 1;
        continue;
      }
      if (round % 20 === 15) {
        // SIGINT from outside: into a running loop (vm's watchdog takes it), and into an idle kernel (ignored).
        const sent = kernel.executeAsync("console.log('looping'); while (true) {}");
        await alive(kernel.streamed(sent.id, "looping"), "the loop to start");
        kernel.process.kill("SIGINT");
        expect((await alive(sent.reply, "reply to the signalled loop")).content.ename).toBe("KeyboardInterrupt");
        kernel.process.kill("SIGINT");
        expectDone(await alive(kernel.executeAsync("2").reply, "reply after an idle SIGINT"), "after an idle SIGINT");
        continue;
      }
      const code = SHORT_CELLS[Math.floor(next() * SHORT_CELLS.length)];
      const sent = kernel.executeAsync(code);
      await pause(next);
      const interrupted = kernel.request("interrupt_request", {}, "control");
      expectDone(await alive(sent.reply, `reply to ${code} (round ${round})`), code);
      expect((await alive(interrupted, "interrupt_reply")).content.status).toBe("ok");
    }

    const last = await alive(kernel.execute("'alive'"), "the last cell");
    expect(last.reply.content.status).toBe("ok");
    expect(kernel.process.exitCode).toBeNull();
    // Every endless loop was ended by an interrupt (the short cells may end either way).
    expect(outcomes.interrupted).toBeGreaterThanOrEqual(8);
  }, 170_000);
});
