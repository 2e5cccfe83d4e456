/** Free loopback ports, found by letting the kernel pick them (so the bench never collides with `npm start`). */
import net from 'node:net';

function onePort(): Promise<{ port: number; server: net.Server }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as net.AddressInfo).port, server }),
    );
  });
}

/** `n` distinct ports; all are held open until every one is found, then released together. */
export async function freePorts(n: number): Promise<number[]> {
  const held: { port: number; server: net.Server }[] = [];
  try {
    for (let i = 0; i < n; i++) held.push(await onePort());
    return held.map((h) => h.port);
  } finally {
    await Promise.all(
      held.map((h) => new Promise<void>((resolve) => h.server.close(() => resolve()))),
    );
  }
}
