// A notebook in a folder outside the project (a scratch folder, a workspace put elsewhere) imports the module and the
// packages the curriculum uses (mathjs), type-checked and run, through the real kernel on a Jupyter server; a value's
// type carries over to the next cell even when the module declares it in a nested file.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeNotebook, type NotebookResult } from "../src/notebook/execute";
import { startJupyterServer } from "../src/notebook/server";
import { ensureModuleTypes } from "../src/kernel/build-module-types";
import { kernelCacheDir } from "../src/kernel/cache-dir";
import { PROJECT_ROOT } from "../src/project-root";
import type { Notebook } from "../src/notebook/nbformat";

const code = (id: string, source: string) => ({ cell_type: "code" as const, id, metadata: {}, source, outputs: [], execution_count: null });

const NOTEBOOK: Notebook = {
  nbformat: 4, nbformat_minor: 5,
  metadata: { kernelspec: { name: "backprop-lab", display_name: "TypeScript (Backprop Lab)", language: "typescript" } },
  cells: [
    code("module", 'import { Value } from "backprop-lab";\nconst v = new Value(3);\nv.mul(v).data'),
    code("mathjs", 'import { derivative } from "mathjs";\nderivative("x^2", "x").toString()'),
    code("typed", 'const wrong: number = derivative("x^2", "x");'),
    // A value whose type the module declares in a nested file, used by the next cell: its type must carry over.
    code("import-spirals", 'import { spirals } from "backprop-lab";'),
    code("nested-type", "const data = spirals(10, 3, 0);"),
    code("carried", "data.x.shape"),
  ],
} as unknown as Notebook;

describe("a notebook outside the project", () => {
  let scratch: string;
  let result: NotebookResult;
  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bpl-outside-"));
    // Current declarations of the module in the kernel's own cache (under the project's node_modules), as after
    // setup: a kernel out here must not read them, since a path into node_modules cannot name a cell's types.
    ensureModuleTypes(PROJECT_ROOT, kernelCacheDir());
    const server = await startJupyterServer({ rootDir: scratch });
    try {
      result = await executeNotebook(server, NOTEBOOK, { cwd: scratch, continueOnError: true, cellTimeoutMs: 120_000 });
    } finally {
      await server.stop();
    }
  }, 240_000);
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const cell = (id: string) => result.cells.find((c) => c.id === id)!;
  const text = (id: string) => JSON.stringify(result.notebook.cells.find((c) => c.id === id && c.cell_type === "code") ?? {});

  it("imports backprop-lab", () => {
    expect(cell("module").status, cell("module").evalue).toBe("ok");
    expect(text("module")).toContain("9");
  });

  it("imports mathjs, a package the project depends on, though the folder has no node_modules", () => {
    expect(fs.existsSync(path.join(scratch, "node_modules"))).toBe(false);
    expect(cell("mathjs").status, cell("mathjs").evalue).toBe("ok");
    expect(text("mathjs")).toContain("2 * x");
  });

  it("carries a value whose type lives in a nested file of the module to the next cell", () => {
    expect(cell("nested-type").status, cell("nested-type").evalue).toBe("ok");
    expect(cell("carried").status, cell("carried").evalue).toBe("ok");
    expect(text("carried")).toContain("30, 2");
  });

  it("type-checks against mathjs's own types", () => {
    expect(cell("typed").status).toBe("error");
    expect(cell("typed").evalue).toMatch(/MathNode.*not assignable to type 'number'/);
  });
});
