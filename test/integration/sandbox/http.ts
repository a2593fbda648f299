// Test helper: one call to the sandbox over real HTTP.
export interface CallOptions {
  token?: string | null;
  method?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string | null;
  version?: string | null;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function call(
  baseUrl: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers['X-Recharge-Access-Token'] = options.token;
  if (options.version !== null) headers['X-Recharge-Version'] = options.version ?? '2021-01';
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && options.contentType !== null) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** `page_info` of the Link header's rel, or null. */
export function linkCursor(headers: Headers, rel: 'next' | 'previous'): string | null {
  const link = headers.get('link') ?? '';
  for (const part of link.split(',')) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
    if (match && match[2] === rel) return new URL(match[1] ?? '').searchParams.get('page_info');
  }
  return null;
}
