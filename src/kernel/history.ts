// Input (and output) history for history_request: tail, range and glob search, kept in memory.

export type HistoryEntry = [number, number, string | [string, string | null]];

export interface HistoryRequest {
  output?: boolean;
  hist_access_type?: string;
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

/** IPython's glob: * and ? wildcards over the whole input. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}

export class History {
  /** This kernel's session number; 0 and negative numbers in requests are relative to it. */
  readonly session = 1;
  private readonly inputs: { line: number; input: string; output: string | null }[] = [];

  add(line: number, input: string): void {
    this.inputs.push({ line, input, output: null });
  }

  setOutput(line: number, output: string): void {
    const entry = this.inputs.find((e) => e.line === line);
    if (entry) entry.output = output;
  }

  query(req: HistoryRequest): HistoryEntry[] {
    let rows = this.inputs;
    switch (req.hist_access_type) {
      case "tail":
        rows = req.n ? rows.slice(-req.n) : rows;
        break;
      case "range": {
        const session = req.session ?? 0;
        if (session > 0 && session !== this.session) return [];
        const start = req.start ?? 0;
        const stop = req.stop ?? Number.POSITIVE_INFINITY;
        rows = rows.filter((e) => e.line >= start && e.line < stop);
        break;
      }
      case "search": {
        const regexp = globToRegExp(req.pattern ?? "*");
        rows = rows.filter((e) => regexp.test(e.input));
        if (req.unique) {
          const seen = new Set<string>();
          rows = rows
            .slice()
            .reverse()
            .filter((e) => !seen.has(e.input) && (seen.add(e.input), true))
            .reverse();
        }
        if (req.n) rows = rows.slice(-req.n);
        break;
      }
      default:
        return [];
    }
    return rows.map((e) => [this.session, e.line, req.output ? [e.input, e.output] : e.input]);
  }
}
