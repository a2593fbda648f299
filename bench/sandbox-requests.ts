// The sandbox's request log over its admin API, for a sandbox on a thread of its own.

export interface LoggedRequest {
  time: string;
  status: number;
}

export async function requestLog(url: string): Promise<LoggedRequest[]> {
  const response = await fetch(`${url}/__sandbox/requests?limit=10000`);
  const body = (await response.json()) as { requests: LoggedRequest[] };
  return body.requests;
}

export async function clearRequestLog(url: string): Promise<void> {
  // Admin writes need a JSON content type (sandbox/admin-guard.ts); a refusal here would leave
  // the setup's own requests in the counts.
  const response = await fetch(`${url}/__sandbox/requests`, {
    method: 'DELETE',
    headers: { 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw new Error(`the sandbox kept its request log (HTTP ${response.status})`);
}
