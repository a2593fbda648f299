import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { EventBus } from '../lib/event-bus.ts';
import type { Router } from './router.ts';

export const BRIDGE_PATH = '/bridge';
const MAX_MESSAGE_BYTES = 1024 * 1024;

const Request = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(128),
  input: z.unknown().optional(),
});

export interface WsBridgeOptions {
  router: Router;
  events: EventBus;
  /** Per-run random secret the page must present; another local process cannot guess it. */
  secret: string;
  /** The only Origin allowed to connect (the harness's own page). */
  allowedOrigin: () => string;
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/** Serves the IPC router over a loopback WebSocket, for the browser harness. */
export function attachWsBridge(server: Server, options: WsBridgeOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== BRIDGE_PATH) return refuse(socket, 404, 'Not Found');
    if (!sameSecret(url.searchParams.get('secret'), options.secret)) {
      return refuse(socket, 401, 'Unauthorized');
    }
    if (request.headers.origin !== options.allowedOrigin()) {
      return refuse(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws));
  };

  const serve = (ws: WebSocket) => {
    const unsubscribe = options.events.subscribe((event, payload) => {
      ws.send(JSON.stringify({ event, payload }));
    });
    ws.on('close', unsubscribe);
    ws.on('message', async (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ id: null, result: protocolError('The message is not JSON.') }));
        return;
      }
      const parsed = Request.safeParse(message);
      if (!parsed.success) {
        ws.send(
          JSON.stringify({
            id: null,
            result: protocolError('The message has no valid id and channel.'),
          }),
        );
        return;
      }
      const result = await options.router.call(parsed.data.channel, parsed.data.input);
      ws.send(JSON.stringify({ id: parsed.data.id, result }));
    });
  };

  server.on('upgrade', onUpgrade);
  return {
    close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function protocolError(message: string) {
  return { ok: false, error: { kind: 'protocol', message } };
}
