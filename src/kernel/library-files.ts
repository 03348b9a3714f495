// Library files (TypeScript's lib, @types, anything under node_modules/) parsed and bound once per process and
// shared by every program after, so a spare kernel adopted in another folder does not parse ~100 files again.
//
// A converter's program in a new folder comes from a new watch, whose own cache starts empty. Handing it the
// SourceFile objects an earlier watch made is what TypeScript's language service does across projects (its
// DocumentRegistry): a parsed, bound file depends only on its text and the parse settings, and the binder skips a
// file that is bound already. Module resolutions TypeScript 5.0 stores on a file are redone by each new program,
// and a library file's imports resolve from its own folder, so they come out the same. A file a watch parsed
// itself stays its own, re-read when it changes on disk; one taken from another watch is checked against the disk
// once and not watched after (a spare adopted in another folder keeps its libraries as it found them).

type SourceFile = import("typescript").SourceFile;
type CompilerHost = import("typescript").CompilerHost;
type Path = import("typescript").Path;
type ParseSettings = Parameters<CompilerHost["getSourceFile"]>[1];

/** The watch's compiler host, as TypeScript's createWatchProgram makes it. */
type WatchCompilerHost = CompilerHost & {
  getSourceFileByPath: NonNullable<CompilerHost["getSourceFileByPath"]>;
  toPath(fileName: string): Path;
};

/** Every library file parsed in this process, by path and parse settings. */
const parsedLibraryFiles = new Map<string, SourceFile>();
/** Hosts already sharing: the watch calls its program factory with the same host for every cell. */
const sharingHosts = new WeakSet<CompilerHost>();

/** Makes `host` serve library files from the process-wide set, adding the ones it parses. */
export function shareLibraryFiles(host: CompilerHost): void {
  if (!isWatchHost(host) || sharingHosts.has(host)) return;
  sharingHosts.add(host);
  const parse = host.getSourceFileByPath.bind(host);
  // Files this host's watch parsed stay the watch's: it hands them out from its own cache, and reads one again
  // when it changes on disk. Files another watch parsed are checked once against the disk, then kept as they are.
  // Every program asks again for each of its ~100 library files: the answer is kept by path, which the watch
  // passes as the same string each time, so the common case is one map lookup.
  const answered = new Map<string, { settings: ParseSettings; shared?: SourceFile }>();
  const parsedHere = new WeakSet<SourceFile>();
  const getSourceFileByPath: WatchCompilerHost["getSourceFileByPath"] = (fileName, path, settings, onError, createNew) => {
    if (createNew || !isLibraryPath(path)) return parse(fileName, path, settings, onError, createNew);
    const known = answered.get(path);
    if (known && sameSettings(known.settings, settings)) return known.shared ?? parse(fileName, path, settings, onError, createNew);
    const key = `${path}\n${settingsKey(settings)}`;
    const other = parsedLibraryFiles.get(key);
    if (other && !parsedHere.has(other) && host.readFile(fileName) === other.text) {
      answered.set(path, { settings, shared: other });
      return other;
    }
    const file = parse(fileName, path, settings, onError, createNew);
    if (file) {
      parsedLibraryFiles.set(key, file);
      parsedHere.add(file);
    }
    answered.set(path, { settings });
    return file;
  };
  host.getSourceFileByPath = getSourceFileByPath;
  host.getSourceFile = (fileName, settings, onError, createNew) => getSourceFileByPath(fileName, host.toPath(fileName), settings, onError, createNew);
}

function isWatchHost(host: CompilerHost): host is WatchCompilerHost {
  return typeof host.getSourceFileByPath === "function" && typeof (host as Partial<WatchCompilerHost>).toPath === "function";
}

function isLibraryPath(path: string): boolean {
  return path.includes("/node_modules/");
}

/** What of the parse settings changes the parsed file: the language version and, for Node16 resolution, the module format. */
function settingsKey(settings: ParseSettings): string {
  return typeof settings === "object" ? `${settings.languageVersion}/${settings.impliedNodeFormat}` : String(settings);
}

function sameSettings(a: ParseSettings, b: ParseSettings): boolean {
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  return a.languageVersion === b.languageVersion && a.impliedNodeFormat === b.impliedNodeFormat;
}
