// The export through the real core: a sandbox store of a few thousand customers synced into a
// real SQLite cache, exported over the IPC contract into files on disk.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import { startHarnessServer } from '../../../src-main/harness/harness-server.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import type { ExportResult } from '../../../src-shared/customers/export.ts';
import type { CustomerDetail, SearchResult } from '../../../src-shared/customers/views.ts';
import { ok, quietCore } from '../core/helpers.ts';

const CUSTOMERS = 3000;
let sandbox: Sandbox;
let core: Core;
let exportDir: string;
let dataDir: string;
let nextPath: string | null = null;
let writesBlocked = false;

const call = async <T>(channel: string, input?: unknown) =>
  ok<T>(await core.router.call(channel, input));

/** Header and rows of a CSV written by the export (no quoted line breaks in this data). */
function readCsv(path: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines.pop()).toBe('');
  const split = (line: string) =>
    line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
  return { header: split(lines[0]!), rows: lines.slice(1).map(split) };
}

async function exportTo(name: string, input: unknown): Promise<ExportResult & { file: string }> {
  const file = join(exportDir, name);
  nextPath = file;
  const result = await call<ExportResult>('customers:export', input);
  return { ...result, file };
}

const db = () => core.session()!.services.db;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 17, customers: CUSTOMERS, timeScale: 50 });
  dataDir = mkdtempSync(join(tmpdir(), 'rcd-export-'));
  exportDir = join(dataDir, 'chosen');
  core = await quietCore(dataDir, {
    chooseExportPath: async () => nextPath,
    // Writes refused (the queue pauses): a queued edit stays pending for as long as a test needs.
    fetch: (url, init) =>
      writesBlocked && init?.method && init.method !== 'GET'
        ? Promise.resolve(new Response('{"errors":"Invalid token"}', { status: 401 }))
        : fetch(url, init),
  });
  await call('profiles:add', {
    label: 'Export store',
    baseUrl: sandbox.url,
    version: '2021-01',
    token: sandbox.tokens.full,
    writeScopes: ['write_customer'],
  });
  await core.session()!.services.sync.start({ full: true });
  await core.session()!.services.sync.indexed();
  const { mkdirSync } = await import('node:fs');
  mkdirSync(exportDir);
}, 120_000);

afterAll(async () => {
  await core?.close();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('customer export', () => {
  it('writes every customer once, in the sort order, with the street address columns', async () => {
    const result = await exportTo('by-name.csv', { query: '', sort: { key: 'name', dir: 'asc' } });
    expect(result).toMatchObject({ state: 'done', rows: CUSTOMERS, path: result.file });
    const { header, rows } = readCsv(result.file);
    expect(header).toEqual(
      expect.arrayContaining(['Address 1', 'Address 2', 'City', 'State / province', 'ZIP']),
    );
    expect(header).toEqual(expect.arrayContaining(['Country', 'Billing phone', 'Status']));
    expect(rows).toHaveLength(CUSTOMERS);
    const expected = db()
      .prepare('SELECT id FROM customers ORDER BY name_key, id')
      .pluck()
      .all() as number[];
    expect(rows.map((r) => Number(r[0]))).toEqual(expected);
    const street = header.indexOf('Address 1');
    const stored = db()
      .prepare("SELECT json_extract(doc, '$.billing_address1') FROM customers WHERE id = ?")
      .pluck();
    for (const row of rows.slice(0, 50)) {
      expect(row[street]).toBe(stored.get(Number(row[0])) ?? '');
    }
    expect(readdirSync(exportDir)).toEqual(['by-name.csv']);
  });

  it('keeps the order stable across chunks where sort keys tie or are missing', async () => {
    db().prepare('UPDATE customers SET updated_at = NULL WHERE id % 7 = 0').run();
    db().prepare("UPDATE customers SET updated_at = '2024-01-01T00:00:00Z' WHERE id % 5 = 0").run();
    for (const dir of ['asc', 'desc'] as const) {
      const result = await exportTo(`updated-${dir}.csv`, {
        query: '',
        sort: { key: 'updated_at', dir },
      });
      const ids = readCsv(result.file).rows.map((r) => Number(r[0]));
      const order = dir === 'asc' ? 'ASC' : 'DESC';
      const expected = db()
        .prepare(`SELECT id FROM customers ORDER BY updated_at ${order}, id ${order}`)
        .pluck()
        .all();
      expect(ids).toEqual(expected);
    }
  });

  it('exports exactly what a search with text and filters finds', async () => {
    const search = { query: 'example', filters: { status: 'ACTIVE' as const } };
    const expected = core.session()!.services.store.search.ids(search);
    expect(expected.length).toBeGreaterThan(10);
    const result = await exportTo('found.csv', { ...search, sort: { key: 'id', dir: 'asc' } });
    expect(result.rows).toBe(expected.length);
    expect(readCsv(result.file).rows.map((r) => Number(r[0]))).toEqual(expected);
  });

  it('shows a queued billing edit in the list, the detail and the export, and the old values once discarded', async () => {
    const id = (db().prepare('SELECT min(id) FROM customers').pluck().get() as number) + 1;
    const before = db()
      .prepare(
        "SELECT billing_city, json_extract(doc, '$.billing_address1') AS billing_address1 FROM customers WHERE id = ?",
      )
      .get(id) as { billing_city: string; billing_address1: string };
    writesBlocked = true;
    const receipt = await call<{ edit: { id: number; state: string } }>('customers:updateBilling', {
      customerId: id,
      patch: { billing_city: 'Pendleton', billing_address1: '1 Queue St' },
    });
    expect(receipt.edit.state).toBe('pending');

    const shown = async () => {
      const search = await call<SearchResult>('customers:search', { query: String(id) });
      const row = search.items.find((r) => r.id === id)!;
      const detail = await call<CustomerDetail>('customers:get', { id });
      const result = await exportTo(`pending-${receipt.edit.state}.csv`, { query: String(id) });
      const { header, rows } = readCsv(result.file);
      const line = rows.find((r) => Number(r[0]) === id)!;
      const cell = (name: string) => line[header.indexOf(name)];
      return {
        row: [row.billing_city, row.pending_fields],
        detail: [
          detail.customer.billing_city,
          detail.customer.billing_address1,
          detail.pending_fields,
        ],
        csv: [cell('City'), cell('Address 1'), cell('Pending fields')],
      };
    };
    expect(await shown()).toEqual({
      row: ['Pendleton', ['billing_address1', 'billing_city']],
      detail: ['Pendleton', '1 Queue St', ['billing_address1', 'billing_city']],
      csv: ['Pendleton', '1 Queue St', 'billing_address1 billing_city'],
    });

    await call('outbox:discard', { ids: [receipt.edit.id] });
    receipt.edit.state = 'discarded';
    expect(await shown()).toEqual({
      row: [before.billing_city, []],
      detail: [before.billing_city, before.billing_address1, []],
      csv: [before.billing_city ?? '', before.billing_address1 ?? '', ''],
    });
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    nextPath = null;
    const result = await call<ExportResult>('customers:export', { query: '' });
    expect(result).toEqual({ state: 'cancelled', rows: 0, path: null, downloadUrl: null });
  });

  it('a cancelled export removes its partial file', async () => {
    const seen: number[] = [];
    let partials: string[] = [];
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'customers:exportProgress') return;
      seen.push((payload as { written: number }).written);
      if (seen.length > 1) return;
      // Cancelled once the partial file is there: rows are being written into it.
      void (async () => {
        while (partials.length === 0) {
          await new Promise((resolve) => setImmediate(resolve));
          partials = readdirSync(exportDir).filter((f) => f.startsWith('cancelled.csv'));
        }
        await core.router.call('customers:exportCancel', undefined);
      })();
    });
    const result = await exportTo('cancelled.csv', { query: '' });
    stop();
    expect(result).toMatchObject({ state: 'cancelled', path: null });
    expect(result.rows).toBeLessThan(CUSTOMERS);
    expect(partials).toHaveLength(1);
    expect(partials[0]).toMatch(/\.part$/);
    expect(readdirSync(exportDir).filter((f) => f.startsWith('cancelled.csv'))).toEqual([]);
    expect(await call('customers:exportCancel')).toEqual({ cancelled: false });
  });
});

describe('customer export in the browser harness', () => {
  it('hands the file out once through a loopback address, then deletes it', async () => {
    const harnessDir = mkdtempSync(join(tmpdir(), 'rcd-export-harness-'));
    const harnessCore = await quietCore(harnessDir);
    await harnessCore.router.call('profiles:add', {
      label: 'Harness store',
      baseUrl: sandbox.url,
      version: '2021-01',
      token: sandbox.tokens.full,
    });
    await harnessCore.session()!.services.sync.start({ full: true });
    await harnessCore.session()!.services.sync.indexed();
    const server = await startHarnessServer(harnessCore, { rendererDir: harnessDir });
    try {
      const result = ok<ExportResult>(
        await harnessCore.router.call('customers:export', { query: '' }),
      );
      expect(result).toMatchObject({ state: 'done', rows: CUSTOMERS, path: null });
      const url = `${server.origin}${result.downloadUrl}`;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-disposition')).toMatch(/attachment; filename="customers-/);
      const body = Buffer.from(await first.arrayBuffer());
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toMatch(/^ReCharge id,First name/);
      expect(lines).toHaveLength(CUSTOMERS + 2);
      expect((await fetch(url)).status).toBe(404);
      expect(readdirSync(join(harnessDir, 'exports'))).toEqual([]);
    } finally {
      await server.close();
      await harnessCore.close();
      rmSync(harnessDir, { recursive: true, force: true });
    }
  });
});
