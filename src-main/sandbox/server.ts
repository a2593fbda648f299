// The node:http server: request ids, the admin paths (when mounted), scripted faults, the request
// log, and the answer. The API's own checks live in api-pipeline.ts.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { refuseAdmin } from './admin-guard.ts';
import { applyScheduled } from './admin-hostile.ts';
import { ADMIN_PREFIX, handleAdmin } from './admin-routes.ts';
import type { SandboxAdmin } from './admin.ts';
import { processApiRequest, type ApiOutcome } from './api-pipeline.ts';
import { malformJson, truncateJson } from './faults.ts';
import { BodyTooLarge, headerOf, readBody, sendText } from './http-io.ts';
import { withoutNextPage } from './list-response.ts';
import type { Runtime } from './runtime.ts';

export interface ServerOptions {
  /** false: /__sandbox/ is not served at all (it is then an ordinary, unknown API path). */
  adminApi: boolean;
  /** The port the server listens on, known once it does. */
  port: () => number;
}

interface Context {
  runtime: Runtime;
  admin: SandboxAdmin;
  options: ServerOptions;
}

export function createSandboxServer(
  runtime: Runtime,
  admin: SandboxAdmin,
  options: ServerOptions,
): Server {
  const context: Context = { runtime, admin, options };
  const server = createServer((request, response) => {
    handle(context, request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        sendText(response, 500, {}, JSON.stringify({ errors: `Sandbox error: ${String(error)}` }));
      } else {
        response.destroy();
      }
    });
  });
  // Keep-alive sockets would hold close() open; tests start and stop many servers.
  server.keepAliveTimeout = 1000;
  return server;
}

const isAdminPath = (path: string): boolean =>
  path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);

async function handle(
  { runtime, admin, options }: Context,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const method = (request.method ?? 'GET').toUpperCase();
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {
    'X-Request-Id': randomUUID(),
    'X-Sandbox-Time-Scale': String(runtime.timeScale),
  };
  const send = (status: number, body: unknown, extra: Record<string, string> = {}) =>
    sendText(
      response,
      status,
      { ...headers, ...extra },
      body === undefined ? null : JSON.stringify(body),
    );

  if (options.adminApi && isAdminPath(url.pathname)) {
    // Refused before the body is read: a hostile page gets nothing done, not even parsing.
    const refusal = refuseAdmin(
      method,
      request.headers,
      request.socket.remoteAddress,
      options.port(),
    );
    if (refusal) {
      request.resume();
      send(refusal.status, { errors: refusal.message });
      return;
    }
  }

  let rawBody: string;
  try {
    rawBody = await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    send(413, { errors: 'Request body too large' });
    return;
  }

  if (options.adminApi && isAdminPath(url.pathname)) {
    const answer = handleAdmin(admin, method, url.pathname, url.searchParams, rawBody);
    send(answer.status, answer.body);
    return;
  }

  const seq = runtime.log.nextSeq();
  // Changes made elsewhere land as the request arrives, before faults and before it is handled.
  const scheduled = runtime.schedule.arrive({
    seq,
    method,
    path: url.pathname,
    query: url.searchParams,
  });
  for (const change of scheduled) {
    change.results = change.actions.map((action) => applyScheduled(admin, action));
  }
  const decision = runtime.faults.decide(method, url.pathname);
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  const action = decision.action;
  let nextDropped = false;
  const log = (status: number | null, outcome?: ApiOutcome) =>
    runtime.log.add({
      seq,
      requestId: headers['X-Request-Id'] ?? '',
      version: headerOf(request.headers, 'x-recharge-version') ?? null,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status,
      tokenLabel:
        outcome?.token?.label ??
        runtime.tokens.lookup(headerOf(request.headers, 'x-recharge-access-token'))?.label ??
        null,
      time: new Date(runtime.now()).toISOString(),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(outcome?.loggedBody === undefined ? {} : { body: outcome.loggedBody }),
      ...(decision.ruleIds.length > 0 ? { faults: decision.ruleIds } : {}),
      ...(scheduled.length > 0 ? { scheduled: scheduled.map((change) => change.id) } : {}),
      ...(nextDropped ? { nextDropped: true as const } : {}),
    });

  if (action?.kind === 'reset' && !action.afterHandling) {
    log(null);
    request.socket.destroy();
    return;
  }
  if (action?.kind === 'status') {
    log(action.status);
    send(action.status, action.body);
    return;
  }
  if (action?.kind === 'rate_limit') {
    const capacity = runtime.limiter.config.capacity;
    log(429);
    send(429, { errors: 'Too many requests' }, { 'X-Recharge-Limit': `${capacity}/${capacity}` });
    return;
  }

  let outcome = processApiRequest(runtime, {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    rawBody,
    baseUrl: `http://${request.headers.host ?? '127.0.0.1'}`,
  });
  if (
    method === 'GET' &&
    outcome.status === 200 &&
    (decision.dropCursor || runtime.dropCursors === 'always')
  ) {
    const stripped = withoutNextPage(outcome);
    outcome = stripped.answer;
    nextDropped = stripped.dropped;
  }
  if (action?.kind === 'reset') {
    log(null, outcome);
    request.socket.destroy();
    return;
  }
  let status = outcome.status;
  let text = outcome.body === undefined ? null : JSON.stringify(outcome.body);
  if (action?.kind === 'malformed' || action?.kind === 'truncated') {
    // A 204 has no body to break; answer 200 with a broken one, as a misbehaving proxy might.
    const whole = text ?? '{"ok":true}';
    text = action.kind === 'malformed' ? malformJson(whole) : truncateJson(whole);
    if (status === 204) status = 200;
  }
  log(status, outcome);
  sendText(response, status, { ...headers, ...outcome.headers }, text);
}
