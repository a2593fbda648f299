// The harness's way out for an export (a browser has no save dialog): the finished file, served
// once at the address the export answered with, then deleted. The address is a random token.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DOWNLOAD_PREFIX, type ExportService } from '../export/export-service.ts';

/** Handles the request if it is an export download (true), else leaves it alone (false). */
export function serveExportDownload(
  exports: Pick<ExportService, 'takeDownload'>,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!pathname.startsWith(DOWNLOAD_PREFIX)) return false;
  const found =
    req.method === 'GET' ? exports.takeDownload(pathname.slice(DOWNLOAD_PREFIX.length)) : null;
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return true;
  }
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${found.filename}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  const remove = () => void rm(found.path, { force: true });
  createReadStream(found.path)
    .on('error', () => res.destroy())
    .on('close', remove)
    .pipe(res);
  return true;
}
