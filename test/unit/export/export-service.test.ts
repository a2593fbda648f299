import { readdirSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRow } from '../../../src-main/db/search/export-pages.ts';
import { createExportService, type ExportSource } from '../../../src-main/export/export-service.ts';
import type { ExportProgress } from '../../../src-shared/customers/export.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const row = (id: number) => ({ id, pending_fields: [] }) as unknown as ExportRow;

function source(chunks: number, size = 10): ExportSource {
  return {
    async *pages() {
      for (let c = 0; c < chunks; c++)
        yield Array.from({ length: size }, (_, i) => row(c * size + i + 1));
    },
    count: async () => chunks * size,
    hasStatus: false,
  };
}

const query = { query: '', filters: {}, sort: { key: 'id', dir: 'asc' } } as const;

describe('the export service', () => {
  let dir = tempDir('rcd-export-service-');
  beforeEach(() => (dir = tempDir('rcd-export-service-')));
  afterEach(() => dir.cleanup());

  it('refuses a second export while one runs, with a message saying so', async () => {
    const service = createExportService({
      chooseExportPath: async (name) => dir.path(name),
      downloadDir: dir.path('downloads'),
      onProgress: () => undefined,
    });
    const first = service.run(source(50), query);
    await expect(service.run(source(1), query)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'An export is running already.',
    });
    expect(await first).toMatchObject({ state: 'done', rows: 500 });
    expect(await service.run(source(1), query)).toMatchObject({ state: 'done', rows: 10 });
  });

  it('reports rows written and the total, ending on every row', async () => {
    const progress: ExportProgress[] = [];
    const service = createExportService({
      chooseExportPath: async (name) => dir.path(name),
      downloadDir: dir.path('downloads'),
      onProgress: (p) => progress.push(p),
      progressEveryMs: 0,
      chunkSize: 10,
    });
    await service.run(source(3), query);
    expect(progress[0]).toEqual({ written: 0, total: null });
    expect(progress.at(-1)).toEqual({ written: 30, total: 30 });
    const written = progress.map((p) => p.written);
    expect(written).toEqual([...written].sort((a, b) => a - b));
  });

  it('without a save dialog, keeps the file private until its one download', async () => {
    const service = createExportService({
      downloadDir: dir.path('downloads'),
      onProgress: () => undefined,
      now: () => new Date(2024, 4, 1, 15, 30),
    });
    const result = await service.run(source(2), query);
    expect(result).toMatchObject({ state: 'done', rows: 20, path: null });
    expect(statSync(dir.path('downloads')).mode & 0o777).toBe(0o700);
    const token = result.downloadUrl!.replace('/__export/', '');
    expect(token).toMatch(/^[\w-]{24}$/);
    expect(service.takeDownload(token)).toMatchObject({
      filename: 'customers-2024-05-01-1530.csv',
    });
    expect(service.takeDownload(token)).toBeNull();
    service.close();
    expect(() => readdirSync(dir.path('downloads'))).toThrow();
  });
});
