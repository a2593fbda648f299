// A bounded log of API requests for tests and the admin API. Payment tokens in bodies are masked
// before they are stored: a token is a secret and must never be logged in clear.
import { maskToken, processorOfField } from '../../src-shared/recharge/payment-tokens.ts';

export interface RequestLogEntry {
  seq: number;
  requestId: string;
  /** `X-Recharge-Version` as sent (null without the header). */
  version: string | null;
  method: string;
  path: string;
  query: Record<string, string>;
  /** null when the connection was dropped without an answer. */
  status: number | null;
  tokenLabel: string | null;
  /** ISO time from the injected clock. */
  time: string;
  durationMs: number;
  /** The JSON body of a write, payment tokens masked. */
  body?: unknown;
  faults?: number[];
  /** Ids of the scheduled changes this request set off (applied before it was handled). */
  scheduled?: number[];
  /** The answer lost its next cursor (`dropCursors` or a `drop_cursor` fault). */
  nextDropped?: true;
}

// 2021-11 payment-method bodies carry both of the processor's tokens.
const SECRET_FIELDS = new Set(['processor_customer_token', 'processor_payment_method_token']);

const isSecret = (key: string): boolean => processorOfField(key) !== null || SECRET_FIELDS.has(key);

export function maskPaymentTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPaymentTokens);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      isSecret(key) && typeof inner === 'string' ? maskToken(inner) : maskPaymentTokens(inner);
  }
  return out;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private readonly capacity: number;
  private counter = 0;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  /** Numbers API requests from 1, in arrival order. */
  nextSeq(): number {
    this.counter += 1;
    return this.counter;
  }

  get total(): number {
    return this.counter;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(options: { since?: number; limit?: number } = {}): RequestLogEntry[] {
    const since = options.since ?? 0;
    const matching = this.entries
      .filter((entry) => entry.seq > since)
      .sort((a, b) => a.seq - b.seq);
    return options.limit === undefined ? matching : matching.slice(-options.limit);
  }

  clear(): void {
    this.entries = [];
    this.counter = 0;
  }
}
