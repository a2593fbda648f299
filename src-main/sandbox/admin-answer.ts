// What the admin API's HTTP routes (admin-routes.ts, admin-routes-hostile.ts) answer: a status and
// a JSON body, and a body checked against its schema before a control sees it.
import type { z } from 'zod';

export interface AdminAnswer {
  status: number;
  body?: unknown;
}

export const NOT_FOUND: AdminAnswer = { status: 404, body: { errors: 'Not Found' } };

/** `use` gets the body once it passes `schema`; otherwise 422 with one line per issue. */
export function withBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
  use: (data: T) => AdminAnswer,
): AdminAnswer {
  const parsed = schema.safeParse(body);
  if (parsed.success) return use(parsed.data);
  return {
    status: 422,
    body: {
      errors: {
        _schema: parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
        ),
      },
    },
  };
}
