// Makes `import … from "backprop-lab"` resolve to this project from any working directory, and the packages the
// project depends on (mathjs, which notebooks import) too: for the type checker (a virtual node_modules) and at run
// time (require).

import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync } from "fs";
import Module from "module";
import path from "path";
import { PROJECT_ROOT } from "../project-root";

// Re-exported for the kernel's modules, which resolve the package against it.
export { PROJECT_ROOT };

export const PACKAGE_NAME = "backprop-lab";

/**
 * Ensures <project>/node_modules/backprop-lab → <project> exists (idempotent), so notebooks under
 * the project resolve the package the ordinary way, as an external library rooted outside rootDir.
 */
export function ensureSelfLink(root: string = PROJECT_ROOT): void {
  const link = path.join(root, "node_modules", PACKAGE_NAME);
  try {
    lstatSync(link);
    return;
  } catch {
    // missing: create it below
  }
  try {
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), root) || ".", link, "dir");
  } catch {
    // read-only checkout: the virtual link below still covers type checking and require
  }
}

type TsSys = {
  fileExists(p: string): boolean;
  directoryExists(p: string): boolean;
  readFile(p: string, encoding?: string): string | undefined;
  realpath?(p: string): string;
  getDirectories(p: string): string[];
  readDirectory(p: string, ...rest: unknown[]): string[];
};

/** The packages the project depends on (its package.json "dependencies"): what a notebook may import besides the module. */
export function projectDependencies(root: string = PROJECT_ROOT): string[] {
  try {
    return Object.keys((JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: object }).dependencies ?? {});
  } catch {
    return [];
  }
}

/** True when dir is root or a folder under it. */
export const isInside = (dir: string, root: string = PROJECT_ROOT): boolean => {
  const relative = path.relative(root, dir);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
};

/**
 * tslab compiles cells as <cwd>/__tslab__.ts. When <cwd>/node_modules/backprop-lab does not exist (a scratch folder,
 * or a workspace outside the project), TypeScript is shown one that maps onto the project; outside the project,
 * <cwd>/node_modules/<dependency> maps onto the project's installed copy the same way, unless cwd has its own.
 */
export function installVirtualPackage(sys: TsSys, cwd: string, root: string = PROJECT_ROOT): void {
  const nodeModules = path.join(cwd, "node_modules").replace(/\\/g, "/");
  const targets = new Map<string, string>(); // virtual package folder → the real one
  const self = `${nodeModules}/${PACKAGE_NAME}`;
  if (!existsSync(self)) targets.set(self, root);
  if (!isInside(cwd, root)) {
    for (const name of projectDependencies(root)) {
      const own = `${nodeModules}/${name}`;
      const installed = path.join(root, "node_modules", name);
      if (!existsSync(own) && existsSync(installed)) targets.set(own, installed);
    }
  }
  if (targets.size === 0) return;
  const map = (p: string): string | undefined => {
    for (const [virtual, real] of targets) {
      if (p === virtual) return real;
      if (p.startsWith(virtual + "/")) return path.join(real, p.slice(virtual.length + 1));
    }
    return undefined;
  };
  const original = { ...sys, fileExists: sys.fileExists, directoryExists: sys.directoryExists };
  const scope = (p: string) => [...targets.keys()].some((virtual) => path.dirname(virtual) === p); // an @scope folder
  sys.fileExists = (p) => original.fileExists.call(sys, map(p) ?? p);
  sys.directoryExists = (p) => p === nodeModules || scope(p) || original.directoryExists.call(sys, map(p) ?? p);
  sys.readFile = (p, encoding) => original.readFile.call(sys, map(p) ?? p, encoding);
  sys.getDirectories = (p) => original.getDirectories.call(sys, map(p) ?? p);
  sys.readDirectory = (p, ...rest) => original.readDirectory.call(sys, map(p) ?? p, ...rest);
  if (original.realpath) {
    const realpath = original.realpath;
    sys.realpath = (p) => {
      const mapped = map(p);
      return mapped === undefined ? realpath.call(sys, p) : realpath.call(sys, mapped);
    };
  }
}

type Require = ((id: string) => unknown) & { resolve: (id: string) => string; cache?: unknown };

/**
 * Node's own modules a cell may use while grading: the rest (module, inspector, vm, v8, async_hooks,
 * child_process, …) reach the loader, the debugger or the kernel's internals.
 */
export const GRADING_BUILTINS = new Set([
  "assert", "assert/strict", "buffer", "crypto", "events", "fs", "fs/promises", "os", "path", "path/posix", "path/win32",
  "perf_hooks", "querystring", "readline", "stream", "stream/promises", "string_decoder", "timers", "timers/promises",
  "url", "util", "util/types", "worker_threads", "zlib",
]);

/** A module a cell may not load while grading; the message says which and why. */
export class GradingRequireError extends Error {
  constructor(id: string, why: string) {
    super(`require(${JSON.stringify(id)}): ${why}`);
    this.name = "GradingRequireError";
  }
}

/** "mathjs/lib/x" → "mathjs", "@scope/name/x" → "@scope/name". */
const packageName = (id: string): string => id.split("/").slice(0, id.startsWith("@") ? 2 : 1).join("/");

const resolvable = (from: NodeRequire, id: string): boolean => {
  try {
    from.resolve(id);
    return true;
  } catch {
    return false;
  }
};

/** The folder of the npm package a file belongs to (…/node_modules/name or …/node_modules/@scope/name). */
function packageRoot(file: string): string | undefined {
  return /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file)?.[1];
}

/**
 * The grading rules for a cell's require: Node's modules only from GRADING_BUILTINS, "backprop-lab"
 * itself but none of its files by path, and nothing from a package (or a file) something other than a cell
 * loaded (the kernel's own tslab, TypeScript, zeromq, tsx and its own files), so no cell reaches an object
 * the kernel runs on. Packages cells load themselves (mathjs), and what those load, are fine.
 */
function gradingRequire(fromCwd: NodeRequire, load: (id: string) => unknown): (id: string) => unknown {
  const loadedByCells = new Set<string>();
  return (id: string): unknown => {
    const bare = id.startsWith("node:") ? id.slice(5) : id;
    if (Module.isBuiltin(id)) {
      if (!GRADING_BUILTINS.has(bare)) throw new GradingRequireError(id, "this Node module is not available while grading");
      return load(id);
    }
    if (id === PACKAGE_NAME) return load(id);
    if (id.startsWith(PACKAGE_NAME + "/")) throw new GradingRequireError(id, `import from "${PACKAGE_NAME}" itself while grading, not from its files`);
    const file = fromCwd.resolve(id);
    const pkg = packageRoot(file) ?? file;
    const kernels = Object.keys(require.cache).some((loaded) => !loadedByCells.has(loaded) && (packageRoot(loaded) ?? loaded) === pkg);
    if (kernels) throw new GradingRequireError(id, "this package belongs to the grading kernel and is not available to notebooks while grading");
    const before = new Set(Object.keys(require.cache));
    try {
      return load(id);
    } finally {
      for (const loaded of Object.keys(require.cache)) if (!before.has(loaded)) loadedByCells.add(loaded);
    }
  };
}

/**
 * A require for cell code: resolves from cwd, and "backprop-lab[/…]" always from the project. With
 * `grading`, it follows gradingRequire's rules, has no `cache`, and is frozen: one cell cannot change the
 * require the next cell (a test) is given.
 */
export function createCellRequire(cwd: string, hooks: { [id: string]: () => unknown } = {}, grading = false): Require {
  const fromCwd = Module.createRequire(path.join(cwd, "__cell__.js"));
  const fromRoot = Module.createRequire(path.join(PROJECT_ROOT, "package.json"));
  const dependencies = new Set(projectDependencies());
  const load = (id: string): unknown => {
    const hook = hooks[id];
    if (hook) return hook();
    if (id === PACKAGE_NAME) return fromRoot(PROJECT_ROOT);
    if (id.startsWith(PACKAGE_NAME + "/")) return fromRoot(path.join(PROJECT_ROOT, id.slice(PACKAGE_NAME.length + 1)));
    // A folder outside the project has no node_modules of its own: the project's dependencies come from the project.
    if (!grading && dependencies.has(packageName(id)) && !resolvable(fromCwd, id)) return fromRoot(id);
    return fromCwd(id);
  };
  if (!grading) return Object.assign(load, { resolve: fromCwd.resolve, cache: fromCwd.cache });
  const checked = gradingRequire(fromCwd, load);
  const cellRequire = (id: string): unknown => (hooks[id] ? hooks[id]() : checked(id));
  return Object.freeze(Object.assign(cellRequire, { resolve: Object.freeze((id: string) => fromCwd.resolve(id)) }));
}
