import { readFileSync } from 'node:fs';
import { expect, openDesk, searchCustomers, test } from './ui-fixtures.ts';

test('the export writes every customer of the search, street address included, and the browser downloads it', async ({
  page,
  desk,
  shot,
}) => {
  await openDesk(page, desk);
  await searchCustomers(page, '');
  const count = page.getByTestId('result-count');
  await expect(count).toHaveText(/^[\d,]+ customers/);
  const total = Number(((await count.textContent()) ?? '').split(' ')[0]!.replaceAll(',', ''));
  expect(total).toBeGreaterThan(100);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const csv = readFileSync((await file.path()) ?? '', 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines.pop()).toBe('');
  expect(lines[0]).toBe(
    'ReCharge id,First name,Last name,Email,Phone,Valid payment method,In dunning,Processor,' +
      'Company,Address 1,Address 2,City,State / province,ZIP,Country,Billing phone,External id,' +
      'Updated,Pending fields',
  );
  expect(lines).toHaveLength(total + 1);
  const ids = new Set(lines.slice(1).map((line) => line.split(',')[0]));
  expect(ids.size).toBe(total);
  await expect(
    page.locator('.v-snackbar__wrapper', {
      hasText: `Exported ${total.toLocaleString('en-US')} customers.`,
    }),
  ).toBeVisible();
  await expect(page.getByTestId('export-csv')).toBeEnabled();
  await shot('ui-export-done');
});
