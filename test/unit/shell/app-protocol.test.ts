import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  createAppProtocolHandler,
  resolveAppAsset,
} from '../../../src-main/shell/app-protocol.ts';
import { APP_CSP } from '../../../src-main/shell/csp.ts';

const root = mkdtempSync(join(tmpdir(), 'rcd-proto-'));
const renderer = join(root, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'do not serve');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  const handle = createAppProtocolHandler(renderer);

  it('serves the built renderer with the CSP and a content type', async () => {
    const res = await handle({ url: APP_ENTRY_URL, method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<!doctype html>');
    const js = await handle({ url: 'app://recharge-desk/assets/app.js' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app://recharge-desk/../secret.txt',
    'app://recharge-desk/%2e%2e/secret.txt',
    'app://recharge-desk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://recharge-desk/%00index.html',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'app://recharge-desk/%E0%A4%A',
  ])('never serves outside the renderer folder: %s', async (url) => {
    const res = await handle({ url });
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('answers 404 for a missing file and 405 for writes', async () => {
    expect((await handle({ url: 'app://recharge-desk/nope.js' })).status).toBe(404);
    expect((await handle({ url: APP_ENTRY_URL, method: 'POST' })).status).toBe(405);
  });

  it('maps the root to index.html', () => {
    expect(resolveAppAsset(renderer, 'app://recharge-desk/')).toBe(join(renderer, 'index.html'));
  });
});
