import { z } from 'zod';
import { AppError, type ErrorShape, type FieldErrors } from '../../src-shared/errors.ts';
import type { ChannelSpec } from '../../src-shared/ipc/define.ts';
import type { Envelope } from '../../src-shared/ipc/envelope.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import type { Logger } from '../lib/logger.ts';

type Contract = Record<string, ChannelSpec>;

export type HandlersOf<C extends Contract> = {
  [K in keyof C]: (
    input: z.output<C[K]['input']>,
  ) => Promise<z.input<C[K]['output']>> | z.input<C[K]['output']>;
};

export interface RouterDeps<C extends Contract> {
  channels: C;
  handlers: HandlersOf<C>;
  /** The scopes of the active profile, read on every call so a profile switch applies at once. */
  scopes: () => ReadonlySet<Scope>;
  logger: Logger;
}

export interface Router {
  call(channel: unknown, input: unknown): Promise<Envelope>;
}

// A refusal stays small whatever the input: a flood of bad array items or a huge unknown key
// must not turn into a huge reply.
const MAX_ISSUES = 50;
const MAX_TEXT = 200;
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues.slice(0, MAX_ISSUES)) {
    const key = clip(issue.path.length ? issue.path.map(String).join('.') : '_input');
    (out[key] ??= []).push(clip(issue.message));
  }
  if (error.issues.length > MAX_ISSUES) {
    (out['_input'] ??= []).push(`…and ${error.issues.length - MAX_ISSUES} more problems.`);
  }
  return out;
}

export function toErrorShape(error: unknown, logger: Logger, channel: string): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (error instanceof z.ZodError) {
    return {
      kind: 'validation',
      message: 'Some values are not valid.',
      fieldErrors: zodFieldErrors(error),
    };
  }
  // Unexpected failures are logged in main; the caller gets a plain message, never the stack.
  logger.error('ipc handler failed', { channel, error });
  return { kind: 'internal', message: 'Something went wrong inside the app. It has been logged.' };
}

/** One gateway for every transport: validate input, check scope, run, validate output. */
export function createRouter<C extends Contract>(deps: RouterDeps<C>): Router {
  const { channels } = deps;
  return {
    async call(channel, rawInput) {
      if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
        return {
          ok: false,
          error: {
            kind: 'validation',
            message: `Unknown channel: ${String(channel).slice(0, 64)}`,
          },
        };
      }
      const spec = channels[channel] as ChannelSpec;
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            kind: 'validation',
            message: 'Some values are not valid.',
            fieldErrors: zodFieldErrors(parsed.error),
          },
        };
      }
      const needed = spec.scope;
      if (needed && !deps.scopes().has(needed)) {
        return {
          ok: false,
          error: {
            kind: 'forbidden',
            message: `This store's API token lacks the ${needed} scope.`,
            scope: needed,
          },
        };
      }
      try {
        const handler = deps.handlers[channel] as (input: unknown) => unknown;
        const result = await handler(parsed.data);
        // Parsing the output strips anything a handler should not have sent (e.g. secrets).
        return { ok: true, value: spec.output.parse(result) };
      } catch (error) {
        return { ok: false, error: toErrorShape(error, deps.logger, channel) };
      }
    },
  };
}
