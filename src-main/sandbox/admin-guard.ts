// The admin API has no token, so it must refuse whatever a web page in a browser on this machine
// could send it: a loopback peer is not enough (the browser is one). A page can reach it by DNS
// rebinding (wrong Host), by a cross-origin request (foreign Origin), or by a "simple" POST that
// skips the CORS preflight (text/plain, form types) — each refused here.
import type { IncomingHttpHeaders } from 'node:http';
import { headerOf } from './http-io.ts';

const LOOPBACK_PEERS = new Set(['127.0.0.1', '::ffff:127.0.0.1', '::1']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AdminRefusal {
  status: 403 | 415;
  message: string;
}

/** `127.0.0.1:<port>`, `localhost:<port>`, `[::1]:<port>`: the names this server answers to. */
export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/** null when the request may use the admin API, else why not. */
export function refuseAdmin(
  method: string,
  headers: IncomingHttpHeaders,
  peer: string | undefined,
  port: number,
): AdminRefusal | null {
  if (!LOOPBACK_PEERS.has(peer ?? '')) {
    return { status: 403, message: 'The sandbox admin API is loopback only' };
  }
  const hosts = loopbackHosts(port);
  const host = headerOf(headers, 'host')?.toLowerCase();
  if (host === undefined || !hosts.has(host)) {
    return {
      status: 403,
      message: `The sandbox admin API answers only to ${[...hosts].join(', ')}`,
    };
  }
  const origin = headerOf(headers, 'origin')?.toLowerCase();
  const origins = new Set([...hosts].map((name) => `http://${name}`));
  if (origin !== undefined && !origins.has(origin)) {
    return { status: 403, message: 'The sandbox admin API refuses cross-origin requests' };
  }
  const type = (headerOf(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (BODY_METHODS.has(method) && type !== 'application/json') {
    return { status: 415, message: 'Admin writes need Content-Type: application/json' };
  }
  return null;
}
