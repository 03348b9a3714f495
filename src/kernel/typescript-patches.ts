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

// Every new checker maps each file reached from an @types package (~50 files of @types/node, by their
// `/// <reference path>`s, each path resolved and normalized) to its package, up front. Only declaration emit reads
// the map, to write `/// <reference types="node" />` when a cell's declarations name a type from @types; most cells
// never do. This builds it on first use, with the same contents. (TypeScript 5.5 dropped the map along with those
// synthesized references, microsoft/TypeScript#57681.)
const TYPE_DIRECTIVE_FILES_ON_FIRST_USE: TextPatch = [
  "files of @types packages mapped on first use, not per checker",
  "      let fileToDirective;\n      if (resolvedTypeReferenceDirectives) {\n        fileToDirective = /* @__PURE__ */ new Map();\n" +
    "        resolvedTypeReferenceDirectives.forEach(({ resolvedTypeReferenceDirective }, key, mode) => {\n" +
    "          if (!(resolvedTypeReferenceDirective == null ? void 0 : resolvedTypeReferenceDirective.resolvedFileName)) {\n" +
    "            return;\n          }\n" +
    "          const file = host.getSourceFile(resolvedTypeReferenceDirective.resolvedFileName);\n" +
    "          if (file) {\n            addReferencedFilesToTypeDirective(file, key, mode);\n          }\n        });\n      }\n",
  "      let fileToDirective;\n      if (resolvedTypeReferenceDirectives) {\n" +
    "        const directiveOfFile = /* @__PURE__ */ new Map();\n        let mapped = false;\n" +
    "        const mapFiles = () => {\n          if (mapped) return;\n          mapped = true;\n" +
    "          resolvedTypeReferenceDirectives.forEach(({ resolvedTypeReferenceDirective }, key, mode) => {\n" +
    "            if (!(resolvedTypeReferenceDirective == null ? void 0 : resolvedTypeReferenceDirective.resolvedFileName)) {\n" +
    "              return;\n            }\n" +
    "            const file = host.getSourceFile(resolvedTypeReferenceDirective.resolvedFileName);\n" +
    "            if (file) {\n              addReferencedFilesToTypeDirective(file, key, mode);\n            }\n          });\n        };\n" +
    "        fileToDirective = {\n" +
    "          has: (path) => (mapFiles(), directiveOfFile.has(path)),\n" +
    "          get: (path) => (mapFiles(), directiveOfFile.get(path)),\n" +
    "          set: (path, directive) => directiveOfFile.set(path, directive),\n" +
    "        };\n      }\n",
];

// Emit asks the checker for its emit resolver, and TypeScript 5.0 type-checks the whole file first. Its input in
// tslab's per-cell CommonJS step is JavaScript that the cell's own program has just checked and emitted: the check
// finds nothing, and takes a sixth of that step. This honours TypeScript 5.5's `noCheck` option
// (microsoft/TypeScript#58364), which only that step sets (converter-patches.ts). Not for TypeScript input: an
// import's elision depends on what the check marks as referenced.
const NO_CHECK_BEFORE_EMIT: TextPatch = [
  "emit without type-checking first when noCheck is set (TypeScript 5.5's option)",
  "    function getEmitResolver(sourceFile, cancellationToken2) {\n      getDiagnostics2(sourceFile, cancellationToken2);",
  "    function getEmitResolver(sourceFile, cancellationToken2) {\n      if (!compilerOptions.noCheck) getDiagnostics2(sourceFile, cancellationToken2);",
];

export const TYPESCRIPT_PATCHES: readonly TextPatch[] = [
  SCRIPT_TARGET_FEATURES_ONCE,
  NODE_FORMAT_ONLY_WHEN_IMPLIED,
  TYPE_DIRECTIVE_FILES_ON_FIRST_USE,
  NO_CHECK_BEFORE_EMIT,
];

/** Applies every patch to `source` (the text of `file`), or throws naming the first that does not fit. */
export function applyTypescriptPatches(source: string, file: string, patches = TYPESCRIPT_PATCHES): string {
  return applyTextPatches(source, file, patches, "tslab's TypeScript", "@tslab/typescript-for-tslab 5.0.4");
}
