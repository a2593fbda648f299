// Test helper: one call to the sandbox over real HTTP.
export interface CallOptions {
  token?: string | null;
  method?: string;
  body?: unknown;
  rawBody?: string;
  /** Sent with a body (default application/json), or alone when given; null: never. */
  contentType?: string | null;
  version?: string | null;
  headers?: Record<string, string>;
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
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers['X-Recharge-Access-Token'] = options.token;
  if (options.version !== null) headers['X-Recharge-Version'] = options.version ?? '2021-01';
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (typeof options.contentType === 'string') headers['Content-Type'] = options.contentType;
  else if (body !== undefined && options.contentType !== null) {
    headers['Content-Type'] = 'application/json';
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

/** A call to the admin API, as the tests' own tooling makes it (JSON on every write). */
export function adminCall(
  baseUrl: string,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<CallResult> {
  return call(baseUrl, `/__sandbox${path}`, {
    method,
    version: null,
    ...(body === undefined ? {} : { body }),
    ...(method === 'GET' ? {} : { contentType: 'application/json' }),
  });
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
