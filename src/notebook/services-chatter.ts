// Keeps @jupyterlab/services' websocket narration off the console while a command talks to a Jupyter server.

// @jupyterlab/services narrates its websocket life on the console ("Starting WebSocket", "Kernel: idle",
// "Connection lost …"); in a headless command that is noise between our result lines, so those lines are dropped.
// A kernel we already shut down shows up as 'The kernel "…" does not exist on the server' from its closing socket.
const SERVICES_CHATTER = /^(Starting WebSocket: |Kernel: \w+ \(|Connection lost, reconnecting|The kernel "[^"]*" does not exist on the server)/;

/** Whether one console call is that narration (its first argument, or the message of an Error passed first). */
export function isServicesChatter(args: readonly unknown[]): boolean {
  const first = args[0] instanceof Error ? args[0].message : args[0];
  return typeof first === "string" && SERVICES_CHATTER.test(first);
}

/**
 * Drops the narration from console.debug/warn/error until the returned function is called. Only commands call
 * this, for their whole run: importing the runner leaves the console alone.
 */
export function dropServicesChatter(): () => void {
  const originals = { debug: console.debug, warn: console.warn, error: console.error };
  for (const method of ["debug", "warn", "error"] as const) {
    const original = originals[method];
    console[method] = (...args: unknown[]) => {
      if (!isServicesChatter(args)) original.apply(console, args);
    };
  }
  return () => Object.assign(console, originals);
}
