import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ExportRow } from '../../../src-main/db/search/export-pages.ts';
import { exportChunkSql, exportOrder } from '../../../src-main/db/search/export-sql.ts';
import { planQuery } from '../../../src-main/db/search/planner.ts';
import { customerExportColumns } from '../../../src-main/export/customer-columns.ts';
import { writeExportFile } from '../../../src-main/export/export-file.ts';
import { csvHeader, csvLines } from '../../../src-shared/csv.ts';
import { AppError } from '../../../src-shared/errors.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

function row(id: number, overrides: Partial<ExportRow> = {}): ExportRow {
  return {
    id,
    hash: `h${id}`,
    email: `c${id}@example.com`,
    first_name: `F${id}`,
    last_name: `L${id}`,
    phone: null,
    external_customer_id: null,
    status: 'ACTIVE',
    has_valid_payment_method: true,
    in_dunning: null,
    processor_type: 'stripe',
    billing_company: null,
    billing_address1: `${id} Main St`,
    billing_address2: null,
    billing_city: 'Portland',
    billing_province: 'Oregon',
    billing_zip: '97205',
    billing_country: 'United States',
    billing_phone: '+1 503 555 0100',
    updated_at: '2024-05-01T10:00:00Z',
    pending_fields: [],
    matched: null,
    ...overrides,
  };
}

const columns = customerExportColumns({ status: true });
const cells = (line: string) => line.replace(/\r\n$/, '').split(',');

describe('customer CSV rows', () => {
  it('writes the list columns plus the street address, one line per row', () => {
    expect(cells(csvHeader(columns))).toEqual([
      'ReCharge id',
      'First name',
      'Last name',
      'Email',
      'Phone',
      'Status',
      'Valid payment method',
      'In dunning',
      'Processor',
      'Company',
      'Address 1',
      'Address 2',
      'City',
      'State / province',
      'ZIP',
      'Country',
      'Billing phone',
      'External id',
      'Updated',
      'Pending fields',
    ]);
    const line = csvLines(columns, [row(7, { pending_fields: ['billing_city', 'billing_zip'] })]);
    expect(cells(line)).toEqual([
      '7',
      'F7',
      'L7',
      'c7@example.com',
      '',
      'ACTIVE',
      'yes',
      '',
      'stripe',
      '',
      '7 Main St',
      '',
      'Portland',
      'Oregon',
      '97205',
      'United States',
      '+1 503 555 0100',
      '',
      '2024-05-01T10:00:00Z',
      'billing_city billing_zip',
    ]);
  });

  it('neutralises cells a spreadsheet would run, wherever they sit', () => {
    const hostile = row(1, {
      first_name: '=HYPERLINK("http://evil")',
      last_name: '+cmd|calc',
      billing_address1: '-2+3',
      billing_address2: '@SUM(A1)',
      billing_city: '\tTab',
      billing_company: '\rCR',
      billing_phone: null,
    });
    const line = csvLines(columns, [hostile]);
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(line).toContain(`'+cmd|calc`);
    expect(line).toContain(`'-2+3`);
    expect(line).toContain(`'@SUM(A1)`);
    expect(line).toContain(`'\tTab`);
    expect(line).toContain(`"'\rCR"`);
    expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('leaves out the status column for stores whose customers have none', () => {
    const without = customerExportColumns({ status: false });
    expect(csvHeader(without)).not.toContain('Status');
    expect(cells(csvLines(without, [row(3, { status: null })]))).toHaveLength(19);
  });
});

describe('export chunks', () => {
  const planned = planQuery({ query: '', filters: { status: 'ACTIVE' } }, null)!;

  it('continue after the last row by sort key and id, never at an offset', () => {
    const query = { sort: { key: 'name', dir: 'desc' } } as const;
    const next = exportChunkSql(planned, exportOrder(query), 'keys', { key: 'smith', id: 9 }, 500);
    expect(next.sql).toContain('(c.name_key, c.id) < (@afterKey, @afterId)');
    expect(next.sql).toContain('ORDER BY c.name_key DESC, c.id DESC');
    expect(next.sql).not.toMatch(/OFFSET/i);
    expect(next.params).toMatchObject({ afterKey: 'smith', afterId: 9, limit: 500 });
  });

  it('export customers without an updated time as their own part of the order', () => {
    expect(exportOrder({ sort: { key: 'updated_at', dir: 'asc' } }).phases).toEqual([
      'nulls',
      'keys',
    ]);
    expect(exportOrder({ sort: { key: 'updated_at', dir: 'desc' } }).phases).toEqual([
      'keys',
      'nulls',
    ]);
    expect(exportOrder({ sort: { key: 'relevance', dir: 'desc' } })).toEqual({
      column: null,
      dir: 'DESC',
      phases: ['keys'],
    });
  });
});

describe('export file', () => {
  const dir = tempDir('rcd-export-file-');
  afterAll(() => dir.cleanup());
  afterEach(() => {
    for (const name of readdirSync(dir.dir)) rmSync(dir.path(name), { force: true });
  });

  it('writes a BOM, the header and every chunk, and names the file only when complete', async () => {
    const path = dir.path('out.csv');
    const seen: number[] = [];
    const outcome = await writeExportFile({
      path,
      columns,
      chunks: [[row(1), row(2)], [row(3)]],
      signal: new AbortController().signal,
      onRows: (n) => seen.push(n),
    });
    expect(outcome).toEqual({ state: 'done', rows: 3 });
    expect(seen).toEqual([2, 3]);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFFReCharge id,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(5);
    expect(readdirSync(dir.dir)).toEqual(['out.csv']);
  });

  it('removes the partial file when cancelled between chunks', async () => {
    const controller = new AbortController();
    function* chunks() {
      yield [row(1)];
      expect(readdirSync(dir.dir)).toEqual([expect.stringMatching(/^out\.csv\..*\.part$/)]);
      controller.abort();
      yield [row(2)];
    }
    const outcome = await writeExportFile({
      path: dir.path('out.csv'),
      columns,
      chunks: chunks(),
      signal: controller.signal,
    });
    expect(outcome).toEqual({ state: 'cancelled', rows: 1 });
    expect(readdirSync(dir.dir)).toEqual([]);
  });

  it('removes the partial file and passes the error on when reading rows fails', async () => {
    function* chunks() {
      yield [row(1)];
      throw new Error('database is locked');
    }
    const writing = writeExportFile({
      path: dir.path('out.csv'),
      columns,
      chunks: chunks(),
      signal: new AbortController().signal,
    });
    await expect(writing).rejects.toThrow('database is locked');
    expect(readdirSync(dir.dir)).toEqual([]);
  });

  it('says clearly when the file cannot be created', async () => {
    const writing = writeExportFile({
      path: dir.path('missing/out.csv'),
      columns,
      chunks: [],
      signal: new AbortController().signal,
    });
    await expect(writing).rejects.toBeInstanceOf(AppError);
    await expect(writing).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(writing).rejects.toThrow(/could not be created: ENOENT/);
  });
});
