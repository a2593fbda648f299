// Runs the customer export: one at a time, into the file the shell's save dialog picked or, in
// the browser harness, a private file handed out once through a loopback download address.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportProgress, ExportResult } from '../../src-shared/customers/export.ts';
import type { SearchFilters, SearchSort } from '../../src-shared/customers/views.ts';
import { AppError } from '../../src-shared/errors.ts';
import type { ExportRow } from '../db/search/export-pages.ts';
import { customerExportColumns } from './customer-columns.ts';
import { writeExportFile } from './export-file.ts';

/** The shell's save dialog: a path, or null when the person cancelled it. */
export type ChooseExportPath = (suggestedName: string) => Promise<string | null>;

export interface ExportQuery {
  query: string;
  filters: SearchFilters;
  sort: SearchSort;
}

/** What the export reads from the open store. */
export interface ExportSource {
  pages(query: ExportQuery, chunkSize: number): AsyncIterable<ExportRow[]>;
  count(query: Pick<ExportQuery, 'query' | 'filters'>): Promise<number>;
  /** False on API versions whose customers have no status (the column is left out). */
  hasStatus: boolean;
}

export interface ExportServiceDeps {
  /** Absent (the browser harness): files go to `downloadDir`, fetched once by address. */
  chooseExportPath?: ChooseExportPath | undefined;
  downloadDir: string;
  onProgress: (progress: ExportProgress) => void;
  now?: () => Date;
  chunkSize?: number;
  /** Progress events at most this often (the last one always goes). */
  progressEveryMs?: number;
}

export interface ExportService {
  run(source: ExportSource, input: ExportQuery): Promise<ExportResult>;
  cancel(): boolean;
  /** The harness's one-time download: the file's path and name, forgotten once taken. */
  takeDownload(token: string): { path: string; filename: string } | null;
  close(): void;
}

// Chunks are read on the search reader's thread; the main thread puts pending values on a chunk
// and formats it: 250 rows take ~1 ms, well inside a 16 ms frame.
export const EXPORT_CHUNK_ROWS = 250;
export const DOWNLOAD_PREFIX = '/__export/';

/** `customers-2024-05-01-1530.csv` */
export function exportFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `customers-${stamp}.csv`;
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  let running: AbortController | null = null;
  const downloads = new Map<string, { path: string; filename: string }>();
  const everyMs = deps.progressEveryMs ?? 100;

  const target = async (filename: string) => {
    if (deps.chooseExportPath) {
      const path = await deps.chooseExportPath(filename);
      return path === null ? null : { path, token: null };
    }
    mkdirSync(deps.downloadDir, { recursive: true, mode: 0o700 });
    const token = randomBytes(18).toString('base64url');
    return { path: join(deps.downloadDir, `${token}.csv`), token };
  };

  return {
    async run(source, input) {
      if (running) throw new AppError('conflict', 'An export is running already.');
      const controller = new AbortController();
      running = controller;
      try {
        const filename = exportFileName(deps.now?.() ?? new Date());
        const chosen = await target(filename);
        if (!chosen || controller.signal.aborted) {
          return { state: 'cancelled', rows: 0, path: null, downloadUrl: null };
        }
        let total: number | null = null;
        let written = 0;
        let sentAt = 0;
        const send = (force: boolean) => {
          const now = Date.now();
          if (!force && now - sentAt < everyMs) return;
          sentAt = now;
          deps.onProgress({ written, total });
        };
        send(true);
        void source.count(input).then(
          (counted) => {
            total = counted;
            if (running === controller) send(true);
          },
          () => undefined,
        );
        const outcome = await writeExportFile({
          path: chosen.path,
          columns: customerExportColumns({ status: source.hasStatus }),
          chunks: source.pages(input, deps.chunkSize ?? EXPORT_CHUNK_ROWS),
          signal: controller.signal,
          onRows: (rows) => {
            written = rows;
            send(false);
          },
        });
        if (outcome.state === 'cancelled') return { ...outcome, path: null, downloadUrl: null };
        total = outcome.rows;
        send(true);
        if (chosen.token === null) return { ...outcome, path: chosen.path, downloadUrl: null };
        downloads.set(chosen.token, { path: chosen.path, filename });
        return { ...outcome, path: null, downloadUrl: `${DOWNLOAD_PREFIX}${chosen.token}` };
      } finally {
        running = null;
      }
    },

    cancel() {
      if (!running) return false;
      running.abort();
      return true;
    },

    takeDownload(token) {
      const found = downloads.get(token) ?? null;
      downloads.delete(token);
      return found;
    },

    close() {
      running?.abort();
      for (const { path } of downloads.values()) void rm(path, { force: true });
      downloads.clear();
      if (!deps.chooseExportPath) rmSync(deps.downloadDir, { recursive: true, force: true });
    },
  };
}
