import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { root } from './processes.ts';

export const screenshots = join(root, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  // Transitions fast-forwarded, so a dialog is never caught half faded in.
  await page.screenshot({
    path: join(screenshots, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}
