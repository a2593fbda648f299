import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from '../../../src-main/harness/static-files.ts';
import { APP_ENTRY_URL, createAppProtocolHandler } from '../../../src-main/shell/app-protocol.ts';
import { APP_CSP, APP_CSP_META, CSP_DIRECTIVES } from '../../../src-main/shell/csp.ts';
import { hardenSession } from '../../../src-main/shell/permissions.ts';
import { fakeSession } from '../shell/fake-electron.ts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'rcd-csp-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /http-equiv\s*=\s*"Content-Security-Policy"/i.test(tag))
    .map((tag) => /\scontent\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('one content security policy', () => {
  it('index.html carries exactly the meta form of the table', () => {
    const html = readFileSync(join(root, 'src-renderer/index.html'), 'utf8');
    expect(metaPolicies(html)).toEqual([APP_CSP_META]);
  });

  it('the meta form is the header without the directives a meta tag cannot carry', () => {
    const header = directives(APP_CSP);
    const meta = directives(APP_CSP_META);
    expect([...header.keys()]).toEqual(CSP_DIRECTIVES.map(([name]) => name));
    for (const [name, value] of meta) expect(header.get(name)).toBe(value);
    expect([...header.keys()].filter((name) => !meta.has(name))).toEqual(['frame-ancestors']);
  });

  it('the app protocol and the session send the header form', async () => {
    const res = await createAppProtocolHandler(dir)({ url: APP_ENTRY_URL, method: 'GET' });
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    const session = fakeSession();
    hardenSession(session);
    let sent: Record<string, string[] | string> = {};
    session.headersListener!({ responseHeaders: {} }, (r) => (sent = r.responseHeaders));
    expect(sent['Content-Security-Policy']).toEqual([APP_CSP]);
  });

  it('the harness static server sends the header form', async () => {
    const server = createServer(createStaticHandler(dir));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('no other copy of the policy in the sources differs from the table', () => {
    const copies: { file: string; policy: string }[] = [];
    for (const folder of ['src-main', 'src-renderer', 'src-shared', 'scripts']) {
      for (const file of sourceFiles(join(root, folder))) {
        if (file.endsWith(join('shell', 'csp.ts'))) continue;
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/["`](default-src [^"`]*)["`]/g)) {
          copies.push({ file: relative(root, file), policy: m[1]! });
        }
      }
    }
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect([APP_CSP, APP_CSP_META], copy.file).toContain(copy.policy);
  });
});
