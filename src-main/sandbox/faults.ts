// Scripted faults for API requests: a 5xx, a delay, a dropped connection, a malformed or truncated
// JSON body, a 429 storm, or a list page without its way to the next page. A rule fires on exact request numbers (counted among the requests it
// matches, from when it was added) or with a probability drawn from its own seeded PRNG, so the
// same request sequence always meets the same faults.
import { z } from 'zod';
import { createRng, type Rng } from './prng.ts';

export const FAULT_KINDS = [
  'status',
  'delay',
  'reset',
  'malformed',
  'truncated',
  'rate_limit',
  'drop_cursor',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultRuleInput = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  /** For `status`: the status to answer with (default 503). */
  status: z.number().int().min(400).max(599).optional(),
  /** For `status`: the body to send (default `{"errors": "<reason>"}`). */
  body: z.unknown().optional(),
  /** For `delay`: milliseconds to wait before handling the request. */
  delayMs: z.number().int().min(0).max(120_000).optional(),
  /** For `reset`: handle the request (apply a write) before dropping the connection. */
  afterHandling: z.boolean().optional(),
  /** 1-based numbers among the requests this rule matches, counted from when it was added. */
  requests: z.array(z.number().int().min(1)).optional(),
  /** Chance per matching request, drawn from a PRNG seeded with `seed` (default 1). */
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  method: z.string().optional(),
  pathPrefix: z.string().optional(),
  /** Stop after firing this many times. */
  count: z.number().int().min(1).optional(),
});
export type FaultRuleInput = z.infer<typeof FaultRuleInput>;

export interface FaultRule extends FaultRuleInput {
  id: number;
  /** Matching requests seen so far. */
  seen: number;
  fired: number;
}

export type FaultAction =
  | { kind: 'status'; status: number; body: unknown }
  | { kind: 'reset'; afterHandling: boolean }
  | { kind: 'malformed' }
  | { kind: 'truncated' }
  | { kind: 'rate_limit' };

export interface FaultDecision {
  delayMs: number;
  action: FaultAction | null;
  /** A list page loses its next cursor (`Link` header on 2021-01, `next_cursor` on 2021-11). */
  dropCursor: boolean;
  /** Ids of the rules that fired, for the request log. */
  ruleIds: number[];
}

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export class FaultPlan {
  private rules: { rule: FaultRule; rng: Rng }[] = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...FaultRuleInput.parse(input), id: this.nextId, seen: 0, fired: 0 };
    this.nextId += 1;
    this.rules.push({ rule, rng: createRng(rule.seed ?? 1) });
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ rule }) => ({ ...rule }));
  }

  /**
   * Every matching rule counts the request (and draws its dice) even when another one fires.
   * `drop_cursor` rules match GET requests only (lists are GETs) and, like delays, go with
   * whatever else fires.
   */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, action: null, dropCursor: false, ruleIds: [] };
    for (const { rule, rng } of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.kind === 'drop_cursor' && method.toUpperCase() !== 'GET') continue;
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      rule.seen += 1;
      const roll = rule.requests
        ? rule.requests.includes(rule.seen)
        : rng.next() < (rule.probability ?? 1);
      if (!roll || (rule.count !== undefined && rule.fired >= rule.count)) continue;
      if (rule.kind === 'delay') {
        decision.delayMs += rule.delayMs ?? 1000;
      } else if (rule.kind === 'drop_cursor') {
        decision.dropCursor = true;
      } else if (decision.action === null) {
        decision.action = actionOf(rule);
      } else {
        continue;
      }
      rule.fired += 1;
      decision.ruleIds.push(rule.id);
    }
    return decision;
  }
}

function actionOf(rule: FaultRule): FaultAction {
  switch (rule.kind) {
    case 'status': {
      const status = rule.status ?? 503;
      return {
        kind: 'status',
        status,
        body: rule.body ?? { errors: REASONS[status] ?? 'Server error' },
      };
    }
    case 'reset':
      return { kind: 'reset', afterHandling: rule.afterHandling ?? false };
    case 'malformed':
      return { kind: 'malformed' };
    case 'truncated':
      return { kind: 'truncated' };
    default:
      return { kind: 'rate_limit' };
  }
}

/** Valid JSON made invalid the way a broken proxy or server does: keys lose a quote. */
export function malformJson(json: string): string {
  const at = json.indexOf('":');
  return at === -1 ? `${json}}` : `${json.slice(0, at)}:${json.slice(at + 2)}`;
}

/** The first half of a body, as when a connection is cut mid-response. */
export function truncateJson(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}
