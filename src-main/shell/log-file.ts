import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type Logger, type LogSink } from '../lib/logger.ts';

export const LOG_FILE = 'main.log';
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_MAX_FILES = 3;

export interface LogFileOptions {
  dir: string;
  fileName?: string;
  /** A file is rotated before a line would take it past this size. */
  maxBytes?: number;
  /** The live file plus rotated ones (`main.log.1` is the newest old one). */
  maxFiles?: number;
  /** Where to say that the log file cannot be written; the app keeps running either way. */
  onError?: (error: unknown) => void;
}

/** A LogSink appending lines to a size-capped file in `dir`, rotating `main.log` → `.1` → `.2`. */
export function createLogFileSink(options: LogFileOptions): LogSink {
  const fileName = options.fileName ?? LOG_FILE;
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const maxFiles = Math.max(1, options.maxFiles ?? LOG_MAX_FILES);
  const path = (n: number) => join(options.dir, n === 0 ? fileName : `${fileName}.${n}`);
  let size: number | null = null;
  let failed = false;

  const rotate = () => {
    rmSync(path(maxFiles - 1), { force: true });
    for (let n = maxFiles - 2; n >= 0; n--) {
      try {
        renameSync(path(n), path(n + 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    size = 0;
  };

  return (line) => {
    const text = line + '\n';
    const bytes = Buffer.byteLength(text);
    try {
      if (size === null) {
        mkdirSync(options.dir, { recursive: true });
        try {
          size = statSync(path(0)).size;
        } catch {
          size = 0;
        }
      }
      if (size > 0 && size + bytes > maxBytes) {
        if (maxFiles === 1) rmSync(path(0), { force: true });
        else rotate();
        size = 0;
      }
      appendFileSync(path(0), text);
      size += bytes;
      failed = false;
    } catch (error) {
      // Report once per failure streak, not on every line.
      if (!failed) options.onError?.(error);
      failed = true;
      size = null;
    }
  };
}

/** Fans one line out to several sinks. */
export function teeSinks(...sinks: LogSink[]): LogSink {
  return (line) => {
    for (const sink of sinks) sink(line);
  };
}

/**
 * The main process logger: every line goes through `createLogger`, which redacts secrets, before
 * it reaches the file (and the console, when given).
 */
export function createFileLogger(
  options: LogFileOptions & { console?: LogSink; secrets?: () => readonly string[] },
): Logger {
  const file = createLogFileSink(options);
  const sink = options.console ? teeSinks(file, options.console) : file;
  return createLogger(sink, options.secrets ? { secrets: options.secrets } : {});
}
