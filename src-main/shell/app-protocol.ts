import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../lib/renderer-assets.ts';
import { APP_CSP } from './csp.ts';

/**
 * The renderer is served from `app://recharge-desk/`, not `file://`: a file page could read any
 * local file its privileges allow, while this scheme serves one folder and nothing else.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'recharge-desk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** For protocol.registerSchemesAsPrivileged: a standard, secure origin so 'self' works. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The file inside `root` an app URL names, or null for any other host or a path leaving root. */
export function resolveAppAsset(root: string, rawUrl: string): string | null {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(rawUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (pathname.includes('\0')) return null;
  const base = normalize(root + sep);
  const file = normalize(join(base, pathname === '/' ? 'index.html' : pathname));
  return file.startsWith(base) ? file : null;
}

/** protocol.handle's handler for the app scheme: built renderer files only, with the CSP. */
export function createAppProtocolHandler(
  root: string,
  read: (file: string) => Promise<Uint8Array> = readFile,
): (request: { url: string; method?: string }) => Promise<Response> {
  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405 });
    }
    const file = resolveAppAsset(root, request.url);
    if (!file) return new Response('Forbidden', { status: 403 });
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': APP_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
