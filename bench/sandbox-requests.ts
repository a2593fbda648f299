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
  await fetch(`${url}/__sandbox/requests`, { method: 'DELETE' });
}
