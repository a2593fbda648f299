// The harness's way out for an export (a browser has no save dialog): the finished file, served
// once at the address the export answered with, then deleted. The address is a random token.
import { open, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DOWNLOAD_PREFIX, type ExportService } from '../export/export-service.ts';

/** Handles the request if it is an export download (true), else leaves it alone (false). */
export async function serveExportDownload(
  exports: Pick<ExportService, 'takeDownload'>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!pathname.startsWith(DOWNLOAD_PREFIX)) return false;
  const found =
    req.method === 'GET' ? exports.takeDownload(pathname.slice(DOWNLOAD_PREFIX.length)) : null;
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return true;
  }
  // Opened, then unlinked: the name is gone before the first byte goes out, the data is not.
  const file = await open(found.path, 'r');
  await rm(found.path, { force: true });
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${found.filename}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  file
    .createReadStream()
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
