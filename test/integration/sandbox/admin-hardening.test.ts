// The admin API has no token. Any web page in a browser on this machine can send requests to
// 127.0.0.1, so the sandbox refuses what a page could send: a foreign Host (DNS rebinding), a
// foreign Origin, and writes without `Content-Type: application/json` (CORS-simple requests).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { call } from './http.ts';

interface Raw {
  status: number;
  text: string;
}

/** node:http rather than fetch: fetch will not let a test choose the Host header. */
function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let sandbox: Sandbox;
const host = () => `127.0.0.1:${sandbox.port}`;
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21, customers: 10, timeScale: 1e6 });
});
afterAll(async () => {
  await sandbox.close();
});

/** Marks the data so a reset that got through would show. */
function mark(): number {
  const id = [...sandbox.store.customerTable.rows.keys()][0] ?? 0;
  sandbox.admin.patchCustomer(id, { billing_city: 'Marked' });
  return id;
}

describe('admin API hardening', () => {
  it('refuses a reset posted as text/plain or a form (CORS-simple requests)', async () => {
    const id = mark();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const answer = await raw(
        sandbox.port,
        'POST',
        '/__sandbox/reset',
        {
          Host: host(),
          'Content-Type': type,
        },
        '{}',
      );
      expect(answer.status, type).toBe(415);
    }
    const untyped = await raw(sandbox.port, 'POST', '/__sandbox/reset', { Host: host() }, '{}');
    expect(untyped.status).toBe(415);
    const deleteUntyped = await raw(sandbox.port, 'DELETE', '/__sandbox/requests', {
      Host: host(),
    });
    expect(deleteUntyped.status).toBe(415);
    expect(sandbox.store.customer(id)?.billing_city).toBe('Marked');
  });

  it('refuses a Host that is not this loopback server (DNS rebinding)', async () => {
    const id = mark();
    for (const name of [`evil.example:${sandbox.port}`, '127.0.0.1:1', 'localhost', '10.0.0.1']) {
      const state = await raw(sandbox.port, 'GET', '/__sandbox/state', { Host: name });
      expect(state.status, name).toBe(403);
      const reset = await raw(
        sandbox.port,
        'POST',
        '/__sandbox/reset',
        { Host: name, ...json },
        '{}',
      );
      expect(reset.status, name).toBe(403);
    }
    expect(sandbox.store.customer(id)?.billing_city).toBe('Marked');
    for (const name of [host(), `localhost:${sandbox.port}`, `[::1]:${sandbox.port}`]) {
      expect(
        (await raw(sandbox.port, 'GET', '/__sandbox/state', { Host: name })).status,
        name,
      ).toBe(200);
    }
  });

  it('refuses any Origin but its own loopback origin', async () => {
    const id = mark();
    for (const origin of ['http://evil.example', 'null', `https://${host()}`, 'http://127.0.0.1']) {
      const answer = await raw(
        sandbox.port,
        'POST',
        '/__sandbox/reset',
        { Host: host(), Origin: origin, ...json },
        '{}',
      );
      expect(answer.status, origin).toBe(403);
      const read = await raw(sandbox.port, 'GET', '/__sandbox/requests', {
        Host: host(),
        Origin: origin,
      });
      expect(read.status, origin).toBe(403);
    }
    expect(sandbox.store.customer(id)?.billing_city).toBe('Marked');
    for (const origin of [`http://${host()}`, `http://localhost:${sandbox.port}`]) {
      const ok = await raw(sandbox.port, 'GET', '/__sandbox/state', {
        Host: host(),
        Origin: origin,
      });
      expect(ok.status, origin).toBe(200);
    }
  });

  it('serves well-formed admin calls from local tooling', async () => {
    const answer = await raw(
      sandbox.port,
      'POST',
      '/__sandbox/reset',
      { Host: host(), ...json },
      '{}',
    );
    expect(answer.status).toBe(200);
    expect(
      sandbox.store.customer([...sandbox.store.customerTable.rows.keys()][0] ?? 0)?.billing_city,
    ).not.toBe('Marked');
  });
});

describe('adminApi: false', () => {
  it('does not serve /__sandbox/ at all; the in-process controls still work', async () => {
    const embedded = await startSandbox({ seed: 21, customers: 5, adminApi: false });
    try {
      const id = [...embedded.store.customerTable.rows.keys()][0] ?? 0;
      embedded.admin.patchCustomer(id, { billing_city: 'Kept' });
      const reset = await call(embedded.url, '/__sandbox/reset', {
        method: 'POST',
        body: {},
        version: null,
      });
      expect(reset.status).toBe(401);
      const withToken = await call(embedded.url, '/__sandbox/state', {
        token: embedded.tokens.full,
      });
      expect(withToken.status).toBe(404);
      expect(embedded.store.customer(id)?.billing_city).toBe('Kept');
      expect(embedded.admin.state().customers).toBe(5);
    } finally {
      await embedded.close();
    }
  });
});
