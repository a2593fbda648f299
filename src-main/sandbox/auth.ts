// Access tokens and their scopes. Customer scopes are accepted in both spellings (the guide's
// `read_customer`, the live API's `read_customers`) and compared in the guide's spelling.
// `write_payments` guards 2021-01 payment tokens; 2021-11 payment methods have scopes of their own.
import { randomBytes } from 'node:crypto';
import { createRng } from './prng.ts';

export const SCOPES = [
  'read_customer',
  'write_customer',
  'write_payments',
  'read_payment_methods',
  'write_payment_methods',
] as const;
export type Scope = (typeof SCOPES)[number];

const SCOPE_ALIASES: Readonly<Record<string, Scope>> = {
  read_customer: 'read_customer',
  read_customers: 'read_customer',
  write_customer: 'write_customer',
  write_customers: 'write_customer',
  write_payments: 'write_payments',
  write_payment: 'write_payments',
  read_payment_methods: 'read_payment_methods',
  write_payment_methods: 'write_payment_methods',
};

export function normalizeScope(scope: string): Scope | null {
  return SCOPE_ALIASES[scope.trim().toLowerCase()] ?? null;
}

export interface AccessToken {
  token: string;
  label: string;
  /** As given (either spelling); `GET /token_information` returns these. */
  scopes: string[];
  granted: ReadonlySet<Scope>;
  /** Revoked through the admin API: answered 401 until restored (or another token is used). */
  revoked: boolean;
}

export function hasScope(token: AccessToken, scope: Scope): boolean {
  return token.granted.has(scope);
}

export interface DemoTokens {
  readOnly: string;
  readWrite: string;
  full: string;
}

/** Deterministic per seed: the sandbox is a local fake, and stable tokens make demos repeatable. */
export function demoTokenValues(seed: number): DemoTokens {
  const rng = createRng(seed ^ 0x5eed7001);
  const secret = () => `${rng.hex32()}${rng.hex32()}${rng.hex32()}`;
  return {
    readOnly: `sbx_ro_${secret()}`,
    readWrite: `sbx_rw_${secret()}`,
    full: `sbx_full_${secret()}`,
  };
}

export class TokenRegistry {
  private readonly tokens = new Map<string, AccessToken>();
  private counter = 0;

  /** Unknown scope names are an error: a typo would otherwise silently grant nothing. */
  add(input: { scopes: string[]; label?: string; token?: string }): AccessToken {
    const unknown = input.scopes.filter((scope) => normalizeScope(scope) === null);
    if (unknown.length > 0) throw new Error(`Unknown scope(s): ${unknown.join(', ')}`);
    this.counter += 1;
    const token = input.token ?? `sbx_${randomBytes(12).toString('hex')}`;
    const granted = new Set(input.scopes.map((scope) => normalizeScope(scope) as Scope));
    const entry: AccessToken = {
      token,
      label: input.label ?? `token-${this.counter}`,
      scopes: [...input.scopes],
      granted,
      revoked: false,
    };
    this.tokens.set(token, entry);
    return entry;
  }

  lookup(token: string | undefined): AccessToken | undefined {
    return token === undefined ? undefined : this.tokens.get(token);
  }

  /** The token with this value, or else the first with this label. */
  find(tokenOrLabel: string): AccessToken | undefined {
    return (
      this.tokens.get(tokenOrLabel) ??
      [...this.tokens.values()].find((entry) => entry.label === tokenOrLabel)
    );
  }

  /** Marks a token revoked (true) or usable again (false); false when no such token. */
  setRevoked(tokenOrLabel: string, revoked: boolean): AccessToken | undefined {
    const entry = this.find(tokenOrLabel);
    if (entry) entry.revoked = revoked;
    return entry;
  }

  list(): AccessToken[] {
    return [...this.tokens.values()];
  }
}
