// Makes `import … from "backprop-lab"` resolve to this project from any working directory:
// for the type checker (a virtual node_modules/backprop-lab) and at run time (require).

import { existsSync, lstatSync, mkdirSync, realpathSync, symlinkSync } from "fs";
import Module from "module";
import path from "path";

export const PACKAGE_NAME = "backprop-lab";

/** The project root: the folder holding package.json, two levels above this file. */
export const PROJECT_ROOT = realpathSync(path.resolve(__dirname, "..", ".."));

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

/**
 * tslab compiles cells as <cwd>/__tslab__.ts. When <cwd>/node_modules/backprop-lab does not exist
 * (a scratch folder outside the project), TypeScript is shown one that maps onto the project.
 */
export function installVirtualPackage(sys: TsSys, cwd: string, root: string = PROJECT_ROOT): void {
  const virtualDir = path.join(cwd, "node_modules", PACKAGE_NAME).replace(/\\/g, "/");
  if (existsSync(virtualDir)) return;
  const map = (p: string): string | undefined => {
    if (p === virtualDir) return root;
    if (p.startsWith(virtualDir + "/")) return path.join(root, p.slice(virtualDir.length + 1));
    return undefined;
  };
  const original = { ...sys, fileExists: sys.fileExists, directoryExists: sys.directoryExists };
  const nodeModules = path.dirname(virtualDir);
  sys.fileExists = (p) => original.fileExists.call(sys, map(p) ?? p);
  sys.directoryExists = (p) => p === nodeModules || original.directoryExists.call(sys, map(p) ?? p);
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

type Require = (id: string) => unknown;

/** A require for cell code: resolves from cwd, and "backprop-lab[/…]" always from the project. */
export function createCellRequire(cwd: string, hooks: { [id: string]: () => unknown } = {}): Require {
  const fromCwd = Module.createRequire(path.join(cwd, "__cell__.js"));
  const fromRoot = Module.createRequire(path.join(PROJECT_ROOT, "package.json"));
  const cellRequire = (id: string): unknown => {
    const hook = hooks[id];
    if (hook) return hook();
    if (id === PACKAGE_NAME) return fromRoot(PROJECT_ROOT);
    if (id.startsWith(PACKAGE_NAME + "/")) return fromRoot(path.join(PROJECT_ROOT, id.slice(PACKAGE_NAME.length + 1)));
    return fromCwd(id);
  };
  return Object.assign(cellRequire, { resolve: fromCwd.resolve, cache: fromCwd.cache });
}
