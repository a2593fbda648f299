import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

interface Issue {
  id: string;
  severity: { name: string };
}
interface ScanModule {
  scan(
    files: string[],
    electronVersion: string,
  ): Promise<{ checks: number; issues: Issue[]; errors: unknown[] }>;
  ALLOWED: { id: string }[];
}

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'rcd-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = async () =>
  (await import(pathToFileURL(join(root, 'scripts/security-scan.mjs')).href)) as ScanModule;

describe('security scan (Electronegativity, offline)', () => {
  it('flags an insecure window so a regression fails CI', async () => {
    const file = join(dir, 'insecure.js');
    writeFileSync(
      file,
      `const { BrowserWindow, shell } = require('electron');
       const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
       w.webContents.on('new-window', (e, url) => shell.openExternal(url));`,
    );
    const { checks, issues, errors } = await (await load()).scan([file], '45.5.0');
    expect(checks).toBeGreaterThan(30);
    expect(errors).toEqual([]);
    const failing = issues
      .filter((i) => ['HIGH', 'MEDIUM'].includes(i.severity.name))
      .map((i) => i.id);
    expect(failing).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']),
    );
  });

  it('passes the hardened window options literal', async () => {
    const file = join(dir, 'secure.js');
    writeFileSync(
      file,
      `const { BrowserWindow } = require('electron');
       function open() {
         const windowOptions = { webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } };
         return new BrowserWindow(windowOptions);
       }`,
    );
    const { issues } = await (await load()).scan([file], '45.5.0');
    const ids = issues.map((i) => i.id);
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
    ]) {
      expect(ids).not.toContain(id);
    }
  });
});
