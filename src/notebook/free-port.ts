// A TCP port on 127.0.0.1 that is free right now: the OS picks it (listen on 0), we close and hand it on.
import * as net from "net";

/** Resolves with a port nothing listens on at the moment; a caller racing another process may still lose it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
