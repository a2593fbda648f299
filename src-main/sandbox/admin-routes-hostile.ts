// HTTP face of the hostile switches (admin-hostile.ts), under /__sandbox/: the store's clock,
// the schedule of remote changes, token revocation, and the switches in `PUT options`.
import { z } from 'zod';
import { AdminRefusal, UnknownToken } from './admin-hostile.ts';
import type { SandboxAdmin } from './admin.ts';
import { DROP_CURSORS } from './runtime.ts';
import { ScheduleInput } from './schedule.ts';

export interface AdminAnswer {
  status: number;
  body?: unknown;
}

export const OptionsBody = z.strictObject({
  customerTimestamps: z.enum(['naive', 'offset']).optional(),
  sameSecondUpdates: z.boolean().optional(),
  dropCursors: z.enum(DROP_CURSORS).optional(),
});

/** One of `at` (an instant), `advanceMs` or `follow: true`; `frozen` goes with `at`. */
const ClockBody = z
  .strictObject({
    at: z.union([z.number(), z.string()]).optional(),
    frozen: z.boolean().optional(),
    advanceMs: z.number().int().optional(),
    follow: z.literal(true).optional(),
  })
  .refine(
    (body) =>
      [body.at !== undefined, body.advanceMs !== undefined, body.follow === true].filter(Boolean)
        .length === 1,
    { message: 'Give exactly one of at, advanceMs, follow' },
  );

const TokenRef = z.strictObject({ token: z.string().min(1) });

export function invalid(error: z.ZodError): AdminAnswer {
  return {
    status: 422,
    body: {
      errors: {
        _schema: error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
      },
    },
  };
}

function refused(error: unknown): AdminAnswer {
  if (error instanceof UnknownToken) return { status: 404, body: { errors: error.message } };
  if (error instanceof AdminRefusal) return { status: 422, body: { errors: error.message } };
  throw error;
}

/** The answer for a hostile-switch route (`METHOD resource`), or null for any other route. */
export function handleHostileAdmin(
  admin: SandboxAdmin,
  route: string,
  body: unknown,
): AdminAnswer | null {
  switch (route) {
    case 'PUT options': {
      const parsed = OptionsBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      admin.setSwitches(parsed.data);
      return { status: 200, body: admin.state() };
    }
    case 'GET clock':
      return { status: 200, body: admin.clock() };
    case 'PUT clock': {
      const parsed = ClockBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const { at, frozen, advanceMs } = parsed.data;
      try {
        if (at !== undefined)
          return { status: 200, body: admin.setClock(at, { frozen: frozen ?? false }) };
        if (advanceMs !== undefined) return { status: 200, body: admin.advanceClock(advanceMs) };
        return { status: 200, body: admin.followClock() };
      } catch (error) {
        return refused(error);
      }
    }
    case 'GET schedule':
      return { status: 200, body: { schedule: admin.scheduled() } };
    case 'POST schedule': {
      const parsed = z.union([ScheduleInput, z.array(ScheduleInput)]).safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const inputs = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
      return { status: 201, body: { schedule: inputs.map((input) => admin.schedule(input)) } };
    }
    case 'DELETE schedule':
      admin.clearSchedule();
      return { status: 204 };
    case 'POST revoke-token':
    case 'POST restore-token': {
      const parsed = TokenRef.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      try {
        const token =
          route === 'POST revoke-token'
            ? admin.revokeToken(parsed.data.token)
            : admin.restoreToken(parsed.data.token);
        return { status: 200, body: { token } };
      } catch (error) {
        return refused(error);
      }
    }
    default:
      return null;
  }
}
