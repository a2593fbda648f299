// `node src-main/sandbox/cli.ts --customers 100000 --seed 42 --port 4010 [--time-scale 1]
//  [--no-sparse] [--customer-timestamps naive|offset] [--no-admin-api]
//  [--clock 2024-11-03T05:30:00Z] [--frozen-clock] [--same-second-updates]
//  [--drop-cursors never|always]`
import { parseArgs } from 'node:util';
import { startSandbox } from './index.ts';
import { DROP_CURSORS, type DropCursors } from './runtime.ts';
import { instantOf } from './sandbox-clock.ts';

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) {
    console.error(`--${name} must be a number, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

const { values } = parseArgs({
  allowNegative: true,
  options: {
    customers: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    port: { type: 'string', default: '4010' },
    'time-scale': { type: 'string', default: '1' },
    sparse: { type: 'boolean', default: true },
    'customer-timestamps': { type: 'string', default: 'offset' },
    'admin-api': { type: 'boolean', default: true },
    clock: { type: 'string' },
    'frozen-clock': { type: 'boolean', default: false },
    'same-second-updates': { type: 'boolean', default: false },
    'drop-cursors': { type: 'string', default: 'never' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: node src-main/sandbox/cli.ts [--customers N] [--seed N] [--port N] [--time-scale N]\n' +
      '       [--no-sparse] [--customer-timestamps naive|offset] [--no-admin-api]\n' +
      '       [--clock ISO|epoch-ms] [--frozen-clock] [--same-second-updates]\n' +
      '       [--drop-cursors never|always]',
  );
  process.exit(0);
}

const style = values['customer-timestamps'];
if (style !== 'naive' && style !== 'offset') {
  console.error(`--customer-timestamps must be naive or offset, got "${style}"`);
  process.exit(2);
}

const dropCursors = values['drop-cursors'];
if (!(DROP_CURSORS as readonly string[]).includes(dropCursors)) {
  console.error(`--drop-cursors must be ${DROP_CURSORS.join(' or ')}, got "${dropCursors}"`);
  process.exit(2);
}
let clock: number | undefined;
if (values.clock !== undefined) {
  const raw = values.clock;
  const at = instantOf(/^\d+$/.test(raw) ? Number(raw) : raw);
  if (at === null) {
    console.error(
      `--clock must be epoch ms or ISO with an offset (2024-11-03T05:30:00Z), got "${raw}"`,
    );
    process.exit(2);
  }
  clock = at;
}

const started = performance.now();
const sandbox = await startSandbox({
  customers: numberOption(values.customers, 'customers', 1000),
  seed: numberOption(values.seed, 'seed', 42),
  port: numberOption(values.port, 'port', 4010),
  timeScale: numberOption(values['time-scale'], 'time-scale', 1),
  sparse: values.sparse,
  customerTimestamps: style,
  adminApi: values['admin-api'],
  ...(clock === undefined ? {} : { clock, frozenClock: values['frozen-clock'] }),
  sameSecondUpdates: values['same-second-updates'],
  dropCursors: dropCursors as DropCursors,
});
const state = sandbox.admin.state();
const seconds = ((performance.now() - started) / 1000).toFixed(2);

console.log(`ReCharge sandbox (API 2021-01, 2021-11) listening on ${sandbox.url}`);
console.log(
  `  data: ${state.customers} customers, ${state.addresses} addresses, ` +
    `${state.paymentMethods} payment methods, seed ${state.seed}, ` +
    `${state.sparse ? 'sparse' : 'every key present'} (ready in ${seconds}s)`,
);
console.log(
  `  rate limit: ${state.rateLimit.capacity} calls, draining ${state.rateLimit.perSecond}/s x time scale ${state.timeScale}`,
);
console.log(`  2021-11 customer timestamps: ${state.customerTimestamps}`);
console.log(
  `  clock: ${state.clock.utc} (${state.clock.eastern} New York${state.clock.frozen ? ', frozen' : ''}); ` +
    `same-second updates ${state.sameSecondUpdates ? 'on' : 'off'}; cursors dropped: ${state.dropCursors}`,
);
console.log('  tokens (header X-Recharge-Access-Token):');
console.log(`    read-only (customers, payment methods)   ${sandbox.tokens.readOnly}`);
console.log(`    read + write customers                   ${sandbox.tokens.readWrite}`);
console.log(`    read + write + payments                  ${sandbox.tokens.full}`);
console.log(
  values['admin-api']
    ? `  admin: ${sandbox.url}/__sandbox/state (see docs/sandbox.md)`
    : '  admin: not served (--no-admin-api)',
);

let closing = false;
const stop = (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(`\n${signal}: closing the sandbox`);
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
