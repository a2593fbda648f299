import { extname } from 'node:path';

/**
 * The renderer's Content-Security-Policy, the same in the app (app:// and session headers) and the
 * browser harness. `style-src 'unsafe-inline'` is the one relaxation: Vuetify writes its theme as
 * a runtime <style> element and Vue's `:style` bindings set style attributes (see SECURITY.md).
 * Scripts stay 'self' only, without 'unsafe-eval' or 'unsafe-inline', and nothing remote loads.
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** The Content-Type of a built renderer file. */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}
