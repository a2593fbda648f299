// Screenshots of the main screens, light and dark, at 1280×800. Without --url it builds the
// renderer into a temp folder and serves it with a demo api in the page; with --url (a running
// harness) it drives the real core.
import vue from '@vitejs/plugin-vue';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import vuetify from 'vite-plugin-vuetify';
import { installDemoApi } from './screenshot-demo-api.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: join(root, 'test-results', 'screenshots') },
    only: { type: 'string' },
  },
});

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

async function serveDemo(): Promise<{ url: string; close: () => void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'rcd-shots-'));
  await build({
    root: join(root, 'src-renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [vue(), vuetify({ autoImport: true })],
    build: { outDir, emptyOutDir: true },
  });
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = join(outDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(outDir) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(outDir, 'index.html');
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

const demo = values.url ? null : await serveDemo();
const baseUrl = values.url ?? demo!.url;
mkdirSync(values.out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

type Step = (page: Page) => Promise<void>;
const shots: [string, Step][] = [
  [
    'search',
    async (p) => {
      await p.getByTestId('search-input').locator('input').fill('port');
      await p.waitForTimeout(600);
    },
  ],
  [
    'detail',
    async (p) => {
      await p.getByTestId('search-input').locator('input').fill('hopper');
      await p.waitForTimeout(400);
      await p.keyboard.press('Enter');
      await p.getByTestId('customer-name').waitFor();
      await p.waitForTimeout(400);
    },
  ],
  [
    'billing-dialog',
    async (p) => {
      await p.getByTestId('search-input').locator('input').fill('hopper');
      await p.waitForTimeout(400);
      await p.keyboard.press('Enter');
      await p.getByTestId('edit-billing').click();
      await p.waitForTimeout(500);
      await p.getByTestId('billing-billing_zip').locator('input').fill('97#05');
      await p.waitForTimeout(400);
    },
  ],
  [
    'payment-dialog',
    async (p) => {
      await p.getByTestId('search-input').locator('input').fill('hopper');
      await p.waitForTimeout(400);
      await p.keyboard.press('Enter');
      await p.getByTestId('edit-payment').click();
      await p.waitForTimeout(500);
      await p.getByTestId('payment-token').locator('input').fill('tok_1Nv0FGQ9');
      await p.waitForTimeout(400);
    },
  ],
  [
    'bulk-preview',
    async (p) => {
      await p.waitForTimeout(400);
      await p.locator('thead .v-selection-control input').first().check();
      await p.getByTestId('bulk-edit-button').click();
      await p.getByTestId('bulk-check-billing_company').locator('input').check();
      await p
        .getByTestId('bulk-value-billing_company')
        .locator('input')
        .fill('Analytical Engines Ltd');
      await p.getByTestId('bulk-preview').click();
      await p.waitForTimeout(400);
    },
  ],
  [
    'outbox',
    async (p) => {
      await p.getByTestId('nav-outbox').click();
      await p.waitForTimeout(500);
    },
  ],
  [
    'conflict',
    async (p) => {
      await p.getByTestId('nav-outbox').click();
      await p.locator('[data-state="conflict"]').first().click();
      await p.waitForTimeout(400);
    },
  ],
  [
    'settings',
    async (p) => {
      await p.getByTestId('nav-settings').click();
      await p.waitForTimeout(400);
    },
  ],
];

for (const theme of ['light', 'dark'] as const) {
  for (const [name, step] of shots) {
    if (values.only && !name.includes(values.only)) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(
      (choice) =>
        localStorage.setItem(
          'rcd.settings',
          JSON.stringify({ theme: choice, syncIntervalMinutes: 15 }),
        ),
      theme,
    );
    if (demo) await context.addInitScript(installDemoApi);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message));
    page.on('console', (m) => m.type() === 'error' && console.error(`[${name}]`, m.text()));
    await page.goto(baseUrl);
    await page.getByTestId('search-input').waitFor();
    await step(page);
    const file = join(values.out, `ui-${name}-${theme}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await context.close();
  }
}
await browser.close();
demo?.close();
