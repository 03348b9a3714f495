// Runs cells: tslab's converter type-checks and transpiles, vm runs the result in this process
// with an interrupt breaking out of loops (interrupt-gate.ts), and the last expression's value comes back.

import { randomBytes } from "crypto";
import path from "path";
import vm from "vm";
import { failedOnUnknownName, getConverter, type ConvertResult } from "./compiler";
import { compileError, interruptError, runtimeError, INTERRUPTED, type ErrorContent } from "./errors";
import { InterruptGate } from "./interrupt-gate";
import { alignLines } from "./line-map";
import { createCellRequire, PACKAGE_NAME, PROJECT_ROOT } from "./package-link";

export type Outcome =
  | { status: "ok"; hasValue: boolean; value?: unknown }
  | ({ status: "error" } & ErrorContent);

const CACHE_LIMIT = 64;

/**
 * Hands a cell its `exports` and `require` through a global that exists only between the kernel defining
 * it and the cell's first instruction: its name is random and reading it removes it. A lasting global
 * handle would let one cell replace the require every later cell (the tests too) is given.
 */
function handOver(args: readonly unknown[]): string {
  const key = `__backpropLabCell_${randomBytes(16).toString("hex")}`;
  Object.defineProperty(globalThis, key, {
    configurable: true,
    enumerable: false,
    get() {
      delete (globalThis as { [key: string]: unknown })[key];
      return args;
    },
  });
  return key;
}

/**
 * Declaration emit names types the cell never imported by a relative path (`import("../src").Dataset`),
 * which would pull the module's sources into the notebook's own program (and out of rootDir).
 * The same files reached through the package name stay an external library.
 */
export function packageSpecifiers(decl: string, cwd: string): string {
  const src = path.join(PROJECT_ROOT, "src");
  return decl.replace(/(import\(|from\s+)(["'])(\.{1,2}\/[^"']*)\2/g, (whole, lead: string, quote: string, spec: string) => {
    const target = path.resolve(cwd, spec).replace(/\.(d\.)?ts$/, "");
    if (target !== src && !target.startsWith(src + path.sep)) return whole;
    const rel = path.relative(PROJECT_ROOT, target).split(path.sep).join("/");
    const name = rel === "src" || rel === "src/index" ? PACKAGE_NAME : `${PACKAGE_NAME}/${rel}`;
    return `${lead}${quote}${name}${quote}`;
  });
}

/** Cell variables live on one exports object; TypeScript's defineProperty getters become values. */
function createExports(): { [name: string]: unknown } {
  const store: { [name: string]: unknown } = {};
  return new Proxy(store, {
    defineProperty: (_target, prop, attrs) => {
      if (prop === "__esModule") return true;
      store[prop as string] = attrs.get ? attrs.get() : attrs.value;
      return true;
    },
  });
}

export class Executor {
  private prevDecl = "";
  private readonly exports = createExports();
  private readonly cache = new Map<string, ConvertResult>();
  private readonly require: ReturnType<typeof createCellRequire>;
  private running = false;
  private rejectInterrupt: (reason: unknown) => void = () => {};
  private interruptPromise!: Promise<never>;

  /** `grading`: cells get the grading require (package-link.ts), as in the grading kernelspec's BACKPROP_LAB_GRADING=1. */
  constructor(
    private readonly cwd: string,
    hooks: { [id: string]: () => unknown } = {},
    private readonly grading = process.env.BACKPROP_LAB_GRADING === "1",
    readonly gate = new InterruptGate(),
  ) {
    this.require = createCellRequire(cwd, hooks, grading);
    this.resetInterrupt();
  }

  /** Runs one cell; `keepState: false` evaluates without changing what later cells see. */
  async run(code: string, cellName: string, keepState = true): Promise<Outcome> {
    this.running = true;
    this.gate.reset();
    this.resetInterrupt();
    try {
      return await this.runCell(code, cellName, keepState);
    } finally {
      this.running = false;
    }
  }

  private async runCell(code: string, cellName: string, keepState: boolean): Promise<Outcome> {
    let converted: ConvertResult;
    try {
      converted = this.convert(code);
    } catch (error) {
      // A compiler crash must still end in a reply, or the client waits forever.
      const failure = runtimeError(error, "converter.js");
      return { status: "error", ...failure, ename: "InternalCompilerError" };
    }
    if (converted.diagnostics.length > 0) return { status: "error", ...compileError(converted.diagnostics, code) };
    if (!converted.output) {
      if (keepState) this.prevDecl = converted.declOutput ?? "";
      return { status: "ok", hasValue: false };
    }
    // An interrupt that came while the cell was compiling still stops it.
    if (this.gate.requested()) return { status: "error", ...interruptError() };
    const gate = this.gate.forOneRun();
    const key = handOver(Object.freeze([gate.enter, gate.leave, this.exports, this.require]));
    try {
      // The cell keeps its own function (and directive prologue) inside one that enters and leaves the
      // gate: both run under vm's SIGINT watchdog. Everything but the cell's first line shares its lines.
      const inner = converted.hasToplevelAwait ? "(async function (exports, require) { " : "(function (exports, require) { ";
      const prefix = `(function (enter, leave, exports, require) { enter(); try { return ${inner}`;
      const suffix = `}).call(undefined, exports, require); } finally { leave(); } }).apply(undefined, globalThis[${JSON.stringify(key)}])`;
      const wrapped = `${prefix}${converted.output}\n${suffix}`;
      const result = vm.runInThisContext(wrapped, { filename: cellName, breakOnSigint: true });
      if (converted.hasToplevelAwait) await Promise.race([result, this.interruptPromise]);
    } catch (error) {
      if (failedOnUnknownName(error, converted, code)) return { status: "error", ...compileError(converted.deferred!, code) };
      const wrapperLine = converted.output.split("\n").length + 1;
      const output = converted.output;
      let locate: ((line: number) => number | undefined) | undefined;
      const cell = { code, locate: (line: number) => (locate ??= alignLines(output, code))(line) };
      return { status: "error", ...runtimeError(error, cellName, wrapperLine, cell) };
    } finally {
      gate.close();
      // A cell that failed to compile in vm never read its handle.
      delete (globalThis as { [key: string]: unknown })[key];
    }
    if (keepState) this.prevDecl = converted.declOutput ?? "";
    const name = converted.lastExpressionVar;
    if (!name || !(name in this.exports)) return { status: "ok", hasValue: false };
    const value = this.exports[name];
    delete this.exports[name];
    return { status: "ok", hasValue: value !== undefined, value };
  }

  /**
   * Loads "backprop-lab" at run time before a cell imports it, while the kernel is idle after warm-up. Its import
   * changes no global state, so loading it early changes nothing but when the cost is paid. Not while grading: there
   * the prelude loads it, and the grading require counts what the kernel loaded as off-limits to cells.
   */
  preloadModule(): void {
    if (this.grading) return;
    try {
      this.require(PACKAGE_NAME);
    } catch {
      // a module that fails to load says so when a cell imports it
    }
  }

  complete(code: string, cursor: number) {
    return getConverter().complete(this.prevDecl, code, cursor);
  }

  inspect(code: string, cursor: number) {
    return getConverter().inspect(this.prevDecl, code, cursor);
  }

  /**
   * Ends an awaiting cell now, and keeps one still compiling from starting (a loop in a cell's synchronous
   * code is broken by the control thread's SIGINT instead). Called outside any vm run, so the gate is not RUNNING.
   */
  interrupt(): void {
    if (!this.running) return;
    this.gate.request();
    this.rejectInterrupt(INTERRUPTED);
  }

  // Re-running an unchanged cell against unchanged declarations compiles to the same output.
  private convert(code: string): ConvertResult {
    const key = `${this.prevDecl}\u0000${code}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const converted = getConverter().convert(this.prevDecl, code);
    if (converted.declOutput) converted.declOutput = packageSpecifiers(converted.declOutput, this.cwd);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, converted);
    return converted;
  }

  private resetInterrupt(): void {
    this.interruptPromise = new Promise<never>((_, reject) => {
      this.rejectInterrupt = reject;
    });
    this.interruptPromise.catch(() => {});
  }
}

export type { ErrorContent };
