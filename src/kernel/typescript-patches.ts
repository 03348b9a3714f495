// Edits to tslab's TypeScript 5.0 (lib/typescript.js), made as it loads: fixes that later TypeScript releases made.

import { applyTextPatches, type TextPatch } from "./text-patches";

// TypeScript 5.0 builds a map of every lib's features (~400 names) each time a checker looks for "the lib that
// would declare this name", which it does for names it cannot resolve, also while emitting: a third of
// transpileModule's time in tslab's per-cell CommonJS step, and garbage for every cell. TypeScript 5.3 builds
// it once (microsoft/TypeScript#55484); callers only read it.
const SCRIPT_TARGET_FEATURES_ONCE: TextPatch = [
  "lib features map built once (TypeScript 5.3's fix)",
  "  function getScriptTargetFeatures() {\n    return new Map(Object.entries({",
  "  var scriptTargetFeatures;\n" +
    "  function getScriptTargetFeatures() {\n    return scriptTargetFeatures ??= buildScriptTargetFeatures();\n  }\n" +
    "  function buildScriptTargetFeatures() {\n    return new Map(Object.entries({",
];

// A new program asks, for each file the last one had, which module format the file implies, and TypeScript 5.0
// makes the file's absolute path for that (a string split, normalized and joined: ~100 files per cell) before
// looking at the module resolution kind. Only Node16 and NodeNext resolution imply a format; tslab uses Node10,
// for which the answer is always "none". This asks the kind first.
const NODE_FORMAT_ONLY_WHEN_IMPLIED: TextPatch = [
  "implied module format worked out only for Node16/NodeNext resolution",
  "      const result = getImpliedNodeFormatForFileWorker(getNormalizedAbsolutePath(fileName, currentDirectory), ",
  "      const resolution = getEmitModuleResolutionKind(options2);\n" +
    "      const result = resolution !== 3 /* Node16 */ && resolution !== 99 /* NodeNext */ ? void 0 : " +
    "getImpliedNodeFormatForFileWorker(getNormalizedAbsolutePath(fileName, currentDirectory), ",
];

export const TYPESCRIPT_PATCHES: readonly TextPatch[] = [SCRIPT_TARGET_FEATURES_ONCE, NODE_FORMAT_ONLY_WHEN_IMPLIED];

/** Applies every patch to `source` (the text of `file`), or throws naming the first that does not fit. */
export function applyTypescriptPatches(source: string, file: string, patches = TYPESCRIPT_PATCHES): string {
  return applyTextPatches(source, file, patches, "tslab's TypeScript", "@tslab/typescript-for-tslab 5.0.4");
}
