export interface Reply {
  status?: number;
  body?: unknown;
  /** Sent as is, instead of JSON of `body`. */
  text?: string;
  headers?: Record<string, string>;
  /** Throw instead of answering, as a dropped connection does. */
  fail?: Error;
}

export interface Recorded {
  url: URL;
  method: string;
  headers: Headers;
  body: string | null;
}

/** A fetch that answers from a script (or a function of the request) and records every call. */
export function scriptedFetch(replies: Reply[] | ((call: Recorded, index: number) => Reply)) {
  const calls: Recorded[] = [];
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const call: Recorded = {
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
    };
    calls.push(call);
    const index = calls.length - 1;
    const reply = typeof replies === 'function' ? replies(call, index) : replies[index];
    if (!reply) throw new Error(`no scripted reply for call ${index + 1}`);
    if (reply.fail) throw reply.fail;
    const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    return new Response(reply.status === 204 ? null : text, {
      status: reply.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    });
  }) as typeof fetch;
  return { fetch: fakeFetch, calls };
}
