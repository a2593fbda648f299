// Writes rows to a CSV file a chunk at a time: memory holds one chunk, whatever the row count.
// The file appears under its name only when complete; a cancelled or failed export leaves
// nothing behind.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { AppError } from '../../src-shared/errors.ts';
import { csvHeader, csvLines, type CsvColumn } from '../../src-shared/csv.ts';

export interface ExportFileInput<T> {
  path: string;
  columns: readonly CsvColumn<T>[];
  /** Chunks of rows in file order; pulled one at a time, between writes. */
  chunks: AsyncIterable<readonly T[]> | Iterable<readonly T[]>;
  signal: AbortSignal;
  /** Rows written so far, after each chunk. */
  onRows?: (written: number) => void;
  /** How long formatting each chunk held the thread (before its write), for benches. */
  onTask?: (ms: number) => void;
}

export type ExportFileOutcome = { state: 'done' | 'cancelled'; rows: number };

// The BOM makes spreadsheet apps read the file as UTF-8.
const BOM = '\uFEFF';

export async function writeExportFile<T>(input: ExportFileInput<T>): Promise<ExportFileOutcome> {
  const partial = `${input.path}.${randomBytes(6).toString('hex')}.part`;
  const file = await open(partial, 'wx', 0o600).catch((error: unknown) => {
    throw new AppError('unavailable', `The export file could not be created: ${reason(error)}`);
  });
  let rows = 0;
  let finished = false;
  try {
    await file.write(BOM + csvHeader(input.columns));
    const chunks =
      Symbol.asyncIterator in input.chunks
        ? input.chunks[Symbol.asyncIterator]()
        : input.chunks[Symbol.iterator]();
    try {
      while (!input.signal.aborted) {
        const chunk = await chunks.next();
        if (chunk.done || input.signal.aborted) break;
        const started = performance.now();
        const text = csvLines(input.columns, chunk.value);
        input.onTask?.(performance.now() - started);
        await file.write(text);
        rows += chunk.value.length;
        input.onRows?.(rows);
      }
    } finally {
      // A source left early (cancelled, or the disk failed) lets go of what it holds.
      await chunks.return?.();
    }
    await file.close();
    if (input.signal.aborted) return { state: 'cancelled', rows };
    await rename(partial, input.path);
    finished = true;
    return { state: 'done', rows };
  } catch (error) {
    if (!isFileError(error)) throw error;
    throw new AppError('unavailable', `The export could not be written: ${error.code}`);
  } finally {
    if (!finished) {
      await file.close().catch(() => undefined);
      await rm(partial, { force: true });
    }
  }
}

/** A failure of the file system (ENOSPC, EACCES…), as opposed to one of reading the rows. */
const isFileError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && 'code' in error && /^E[A-Z]+$/.test(String(error.code));

const reason = (error: unknown) => (isFileError(error) ? error.code : 'unknown error');
