// One command, backprop-lab <command> …: each command lives in its own module, loaded on demand.

import { dropServicesChatter } from "./notebook/services-chatter";

type CommandMain = (argv: string[]) => Promise<number>;

// jupyter: the command talks to a Jupyter server through @jupyterlab/services, whose console narration it drops.
const commands: { [name: string]: { module: string; summary: string; jupyter?: true } } = {
  kernel: { module: "./kernel/main", summary: "run the Jupyter kernel (used by the kernelspec)" },
  run: { module: "./notebook/run-command", summary: "execute notebooks headless through a Jupyter server", jupyter: true },
  assign: { module: "./grading/assign-command", summary: "make student versions of instructor notebooks", jupyter: true },
  validate: { module: "./grading/validate-command", summary: "check a notebook before submitting it", jupyter: true },
  autograde: { module: "./grading/autograde-command", summary: "grade a folder of submissions", jupyter: true },
  feedback: { module: "./grading/feedback-command", summary: "write per-student feedback reports" },
  written: { module: "./grading/written-command", summary: "export written answers for hand grading; import the filled CSVs" },
  merge: { module: "./grading/merge-command", summary: "merge gradebooks from sharded autograde runs" },
  workspace: { module: "./workspace/workspace-command", summary: "make or update the learner workspace (npm start runs it)" },
  progress: { module: "./workspace/progress-command", summary: "the learner's progress per notebook, as a table" },
  html: { module: "./notebook/html-command", summary: "export notebooks to HTML that draws every chart offline" },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ["usage: backprop-lab <command> [options]", "", ...lines].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`backprop-lab: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  // require, not import(): under tsx's CommonJS hook a dynamic import goes to Node's ESM resolver,
  // which does not find extensionless .ts paths.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const loaded = require(command.module) as { main: CommandMain };
  // For the rest of the process, not only until main returns: closing websockets narrate after that.
  if (command.jupyter) dropServicesChatter();
  return loaded.main(rest);
}
