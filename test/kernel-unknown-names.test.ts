// Names no cell has declared yet: a cell that only reads them in a thunk runs (so a check can say "not answered
// yet"); when the run meets such a name, or the cell declares something, it is the CompileError it always was.

import path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, PROJECT_ROOT, WARM_UP_MS } from "./helpers/kernel-client";

let kernel: KernelClient;

beforeAll(async () => {
  kernel = await KernelClient.startWarm(path.join(PROJECT_ROOT, "notebooks"));
}, WARM_UP_MS + 10_000);

afterAll(async () => {
  await kernel?.close();
});

async function run(code: string) {
  const { reply, outputs } = await kernel.execute(code);
  const result = outputs.find((m) => m.header.msg_type === "execute_result");
  return { content: reply.content as { status: string; ename?: string; evalue?: string; traceback?: string[] }, text: (result?.content.data as { [mime: string]: string } | undefined)?.["text/plain"] };
}

describe("a cell that uses names no cell has declared", () => {
  it("runs when it reads them only in a thunk whose ReferenceError it catches", async () => {
    const { content, text } = await run("let seen = 'none';\n");
    expect(content.status).toBe("ok");
    expect(text).toBeUndefined();
    const read = await run("(() => { try { return [notYet1, notYet2]; } catch (e) { return (e as Error).message; } })()");
    expect(read.content.status).toBe("ok");
    expect(read.text).toBe("'notYet1 is not defined'");
  });

  it("reads them through a shorthand property inside the thunk too", async () => {
    const read = await run("(() => { try { return { notYet3 }; } catch (e) { return (e as Error).name; } })()");
    expect(read.text).toBe("'ReferenceError'");
  });

  it("is the original CompileError when the run reaches the name (a typo stays a typo)", async () => {
    const { content } = await run("const ok = 1;\nok + tpyo");
    expect(content).toMatchObject({ status: "error", ename: "CompileError" });
    expect(content.evalue).toContain("Cannot find name 'tpyo'");
    const bare = await run("1 + tpyo2");
    expect(bare.content).toMatchObject({ status: "error", ename: "CompileError" });
    expect(bare.content.evalue).toMatch(/cell:1:5 Cannot find name 'tpyo2'|Cannot find name 'tpyo2'/);
  });

  it("stays a CompileError when the cell declares something (a typo inside a function is found at once)", async () => {
    const { content } = await run("function usesTypo() { return tpyo3; }");
    expect(content).toMatchObject({ status: "error", ename: "CompileError" });
    const later = await run("usesTypo()");
    expect(later.content).toMatchObject({ status: "error", ename: "CompileError" });
  });

  it("stays a CompileError when another diagnostic is present", async () => {
    const { content } = await run("const n: number = 'text';\n(() => notYet4)");
    expect(content).toMatchObject({ status: "error", ename: "CompileError" });
    const other = await run("(() => notYet5)();\nconst s: string = 3;");
    expect(other.content).toMatchObject({ status: "error", ename: "CompileError" });
  });

  it("sees the name once a later cell declares it", async () => {
    expect((await run("const notYet1 = 41;")).content.status).toBe("ok");
    expect((await run("(() => notYet1 + 1)()")).text).toBe("42");
  });

  it("a runtime error that is not about the unknown names is reported as itself", async () => {
    const { content } = await run("(() => notYet6);\nthrow new RangeError('boom')");
    expect(content).toMatchObject({ status: "error", ename: "RangeError", evalue: "boom" });
  });
});
