// HTTP face of the hostile switches (admin-hostile.ts), under /__sandbox/: the store's clock,
// token revocation, and the switches in `PUT options` (the schedule of remote changes is one of
// the lists in admin-lists.ts).
import { z } from 'zod';
import { withBody, type AdminAnswer } from './admin-answer.ts';
import { AdminRefusal, UnknownToken } from './admin-hostile.ts';
import type { SandboxAdmin } from './admin.ts';
import { DROP_CURSORS } from './runtime.ts';

const OptionsBody = z.strictObject({
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

/** A control that refuses (an unknown token, a clock sent back) answers instead of throwing. */
function refusable(control: () => AdminAnswer): AdminAnswer {
  try {
    return control();
  } catch (error) {
    if (error instanceof UnknownToken) return { status: 404, body: { errors: error.message } };
    if (error instanceof AdminRefusal) return { status: 422, body: { errors: error.message } };
    throw error;
  }
}

/** The answer for a hostile-switch route (`METHOD resource`), or null for any other route. */
export function handleHostileAdmin(
  admin: SandboxAdmin,
  route: string,
  body: unknown,
): AdminAnswer | null {
  switch (route) {
    case 'PUT options':
      return withBody(OptionsBody, body, (switches) => {
        admin.setSwitches(switches);
        return { status: 200, body: admin.state() };
      });
    case 'GET clock':
      return { status: 200, body: admin.clock() };
    case 'PUT clock':
      return withBody(ClockBody, body, ({ at, frozen, advanceMs }) =>
        refusable(() => {
          if (at !== undefined)
            return { status: 200, body: admin.setClock(at, { frozen: frozen ?? false }) };
          if (advanceMs !== undefined) return { status: 200, body: admin.advanceClock(advanceMs) };
          return { status: 200, body: admin.followClock() };
        }),
      );
    case 'POST revoke-token':
    case 'POST restore-token':
      return withBody(TokenRef, body, ({ token }) =>
        refusable(() => ({
          status: 200,
          body: {
            token:
              route === 'POST revoke-token' ? admin.revokeToken(token) : admin.restoreToken(token),
          },
        })),
      );
    default:
      return null;
  }
}
