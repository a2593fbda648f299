import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, openApp, test } from './fixtures.ts';

const pkg = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'),
) as {
  version: string;
};

test('the harness page shows app:info from the real core', async ({ page, harness, shot }) => {
  await openApp(page, harness);
  await expect(page.getByTestId('app-version')).toContainText(`v${pkg.version}`);
  await expect(page.getByTestId('app-version')).toContainText('harness');
  await shot('foundation-shell');
});

test('without the bridge secret the page cannot reach the core', async ({ page, harness }) => {
  const withoutSecret = harness.url.replace(/#.*$/, '#bridge=wrong-secret');
  await page.goto(withoutSecret);
  await expect(page.getByRole('alert')).toContainText(/Cannot reach the app core/);
});
