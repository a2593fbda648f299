import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../src-main/core/create-core.ts';
import {
  startHarnessServer,
  type HarnessServer,
} from '../../../src-main/harness/harness-server.ts';

let dir: string;
let core: Core;
let server: HarnessServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rcd-bridge-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  core = await createCore({
    dataDir: join(dir, 'data'),
    mode: 'test',
    version: '9.9.9',
    demo: false,
  });
  server = await startHarnessServer(core, { rendererDir });
});

afterAll(async () => {
  await server.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(secret: string | null, origin: string): Promise<WebSocket> {
  const port = new URL(server.origin).port;
  const query = secret === null ? '' : `?secret=${encodeURIComponent(secret)}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge${query}`, { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    // Events (sync progress and the like) may arrive in between: wait for the reply.
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { event?: string };
      if (message.event !== undefined) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('WebSocket bridge', () => {
  it('serves app:info to a page that presents the secret', async () => {
    const ws = await connect(server.secret, server.origin);
    const reply = await call(ws, { id: 7, channel: 'app:info' });
    expect(reply).toMatchObject({
      id: 7,
      result: { ok: true, value: { version: '9.9.9', mode: 'test' } },
    });
    ws.close();
  });

  it('refuses a connection without the secret', async () => {
    await expect(connect(null, server.origin)).rejects.toThrow('refused 401');
  });

  it('refuses a connection with a wrong secret of the same length', async () => {
    const wrong = server.secret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(connect(wrong, server.origin)).rejects.toThrow('refused 401');
  });

  it('refuses a connection from another origin even with the secret', async () => {
    await expect(connect(server.secret, 'http://evil.localhost')).rejects.toThrow('refused 403');
  });

  it('answers garbage with a protocol error and keeps serving', async () => {
    const ws = await connect(server.secret, server.origin);
    expect(await call(ws, '{not json')).toMatchObject({
      result: { ok: false, error: { kind: 'protocol' } },
    });
    expect(await call(ws, { channel: 'app:info' })).toMatchObject({ result: { ok: false } });
    expect(await call(ws, { id: 1, channel: 'app:info', input: { extra: 1 } })).toMatchObject({
      id: 1,
      result: { ok: false, error: { kind: 'validation' } },
    });
    expect(await call(ws, { id: 2, channel: 'app:info' })).toMatchObject({
      id: 2,
      result: { ok: true },
    });
    ws.close();
  });

  it('serves the renderer with a strict CSP and never outside its folder', async () => {
    const res = await fetch(server.origin + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    const traversal = await fetch(server.origin + '/..%2f..%2fetc%2fpasswd');
    expect([403, 404]).toContain(traversal.status);
  });
});
