import { test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface Harness {
  url: string;
  dataDir: string;
}

async function startHarness(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['scripts/harness.ts', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start:\n${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /harness ready: (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`harness exited with ${code}:\n${out}`)));
  });
  return { child, url };
}

export const test = base.extend<{ shot: (name: string) => Promise<void> }, { harness: Harness }>({
  harness: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rcd-e2e-'));
      const { child, url } = await startHarness(dataDir);
      await use({ url, dataDir });
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  shot: async ({ page }, use, testInfo) => {
    mkdirSync(join(root, 'test-results', 'screenshots'), { recursive: true });
    await use(async (name: string) => {
      await page.screenshot({ path: join(root, 'test-results', 'screenshots', `${name}.png`) });
    });
    const slug = testInfo.titlePath
      .slice(1)
      .join(' ')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase();
    await page.screenshot({ path: join(root, 'test-results', 'screenshots', `${slug}.png`) });
  },
});

export async function openApp(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.url);
}

export { expect } from '@playwright/test';
