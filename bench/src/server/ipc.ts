/**
 * The bench servers' side of the IPC channel the runner forks them with: they say where they
 * listen, and answer CPU readings of their own process (`process.cpuUsage()` counts every thread:
 * the event loop, the GC helpers, libuv's pool), so CPU per request never depends on the load
 * generator's clock or on what the other core is doing.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'cpu'; readonly user: number; readonly system: number; readonly rss: number };

export type RunnerMessage = { readonly type: 'cpu' } | { readonly type: 'stop' };

export function serveBench(server: Server, port = 0): void {
  if (!process.send) throw new Error('bench servers run under the bench runner (bench/src/run.ts)');
  const send = (message: ServerMessage) => process.send?.(message);
  process.on('message', (message: RunnerMessage) => {
    if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', user, system, rss: process.memoryUsage.rss() });
    } else if (message.type === 'stop') {
      server.closeAllConnections?.();
      server.close(() => process.exit(0));
    }
  });
  // The runner going away must never leave a server behind on core 0.
  process.on('disconnect', () => process.exit(0));
  server.listen(port, '127.0.0.1', () => send({ type: 'ready', port: (server.address() as AddressInfo).port }));
}
