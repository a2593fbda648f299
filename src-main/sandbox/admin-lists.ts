// The admin API's lists, under /__sandbox/: scripted faults and the schedule of remote changes.
// Each is read (GET), added to with one item or many (POST, 201) and cleared (DELETE).
import { z } from 'zod';
import { withBody, type AdminAnswer } from './admin-answer.ts';
import type { SandboxAdmin } from './admin.ts';
import { FaultRuleInput } from './faults.ts';
import { ScheduleInput } from './schedule.ts';

interface AdminList<I> {
  input: z.ZodType<I>;
  read: (admin: SandboxAdmin) => unknown[];
  add: (admin: SandboxAdmin, item: I) => unknown;
  clear: (admin: SandboxAdmin) => void;
}

function answer<I>(
  list: AdminList<I>,
  key: string,
  verb: string,
  admin: SandboxAdmin,
  body: unknown,
): AdminAnswer | null {
  switch (verb) {
    case 'GET':
      return { status: 200, body: { [key]: list.read(admin) } };
    case 'POST':
      return withBody(z.union([list.input, z.array(list.input)]), body, (input) => {
        const items = Array.isArray(input) ? input : [input];
        return { status: 201, body: { [key]: items.map((item) => list.add(admin, item)) } };
      });
    case 'DELETE':
      list.clear(admin);
      return { status: 204 };
    default:
      return null;
  }
}

const FAULTS: AdminList<FaultRuleInput> = {
  input: FaultRuleInput,
  read: (admin) => admin.faults(),
  add: (admin, rule) => admin.addFault(rule),
  clear: (admin) => admin.clearFaults(),
};

const SCHEDULE: AdminList<z.output<typeof ScheduleInput>> = {
  input: ScheduleInput,
  read: (admin) => admin.scheduled(),
  add: (admin, change) => admin.schedule(change),
  clear: (admin) => admin.clearSchedule(),
};

/** The answer for a list route (`METHOD resource`), or null for any other route. */
export function handleAdminList(admin: SandboxAdmin, route: string, body: unknown) {
  const [verb = '', resource] = route.split(' ');
  if (resource === 'faults') return answer(FAULTS, 'faults', verb, admin, body);
  if (resource === 'schedule') return answer(SCHEDULE, 'schedule', verb, admin, body);
  return null;
}
