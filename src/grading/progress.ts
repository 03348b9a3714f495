// A one-line progress bar on a terminal; silent when stderr is not a TTY (CI logs, tests).

export interface Progress {
  tick(label: string): void;
  done(): void;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return { tick() {}, done() {} };
  let count = 0;
  const started = Date.now();
  const draw = (label: string): void => {
    const width = 24;
    const filled = Math.round((count / total) * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${count}/${total} students  ${seconds}s  ${label}`;
    stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1).padEnd((stream.columns ?? 80) - 1)}`);
  };
  draw("");
  return {
    tick(label) {
      count++;
      draw(label);
    },
    done() {
      stream.write("\n");
    },
  };
}
