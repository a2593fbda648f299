import type { Logger } from '../lib/logger.ts';

/** Hosts the app may hand to the system browser: ReCharge's own docs and help pages. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'rechargepayments.com',
  'www.rechargepayments.com',
  'docs.rechargepayments.com',
  'developer.rechargepayments.com',
  'support.rechargepayments.com',
];

export const API_DOCS_URL = 'https://developer.rechargepayments.com/2021-11/customers';
export const HELP_CENTER_URL = 'https://support.rechargepayments.com/';

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/**
 * The normalised URL when it is https on an allowed host with no credentials and the default
 * port, else null. shell.openExternal runs any scheme the OS knows (file:, smb:, custom
 * handlers), so nothing else may reach it.
 */
export function vetExternalUrl(
  raw: unknown,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): string | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return null;
  return hosts.includes(url.hostname) ? url.href : null;
}

export type OpenExternal = (url: unknown) => Promise<boolean>;

/** shell.openExternal behind the allow-list; refusals are logged, never thrown. */
export function createOpenExternal(
  shell: ShellLike,
  logger: Logger,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): OpenExternal {
  return async (raw) => {
    const url = vetExternalUrl(raw, hosts);
    if (!url) {
      logger.warn('refused to open an external link', { url: String(raw).slice(0, 200) });
      return false;
    }
    try {
      await shell.openExternal(url);
      return true;
    } catch (error) {
      logger.warn('the system could not open a link', { url, error });
      return false;
    }
  };
}
