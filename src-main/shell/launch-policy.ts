export interface LaunchContext {
  isPackaged: boolean;
  /** process.argv: the executable, then the arguments. */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}

export interface Refusal {
  /** The variable, or the switch as `--name`. */
  name: string;
  reason: string;
}

export type LaunchPlan =
  | { start: true; devServerUrl: string | undefined }
  | { start: false; refused: readonly Refusal[]; message: string };

/**
 * A user-level attacker can start the app with any environment: each of these would load a page
 * of theirs into the window (which then passes the IPC sender check), run their code in main, or
 * let them read or alter the API traffic.
 */
const REFUSED_VARIABLES: readonly Refusal[] = [
  { name: 'ELECTRON_RENDERER_URL', reason: 'would load another page into the window' },
  { name: 'NODE_OPTIONS', reason: 'would pass flags or code to the main process' },
  { name: 'NODE_TLS_REJECT_UNAUTHORIZED', reason: 'can turn off TLS certificate checks' },
  { name: 'NODE_EXTRA_CA_CERTS', reason: 'would trust extra certificate authorities' },
  { name: 'ELECTRON_RUN_AS_NODE', reason: 'would run the app as plain Node' },
  { name: 'SSLKEYLOGFILE', reason: 'would write TLS session keys to a file' },
];

/**
 * Switch families, matched by name or `name-…` prefix. `--no-sandbox` is left alone on purpose:
 * some Linux desktops cannot start Chromium's sandbox without it.
 */
const REFUSED_SWITCHES: readonly Refusal[] = [
  { name: 'remote-debugging', reason: 'would open the DevTools protocol on the window' },
  { name: 'inspect', reason: 'would open a debugger on the main process' },
  { name: 'js-flags', reason: 'would pass flags to the JavaScript engine' },
  { name: 'ignore-certificate-errors', reason: 'would accept any TLS certificate' },
  { name: 'ssl-key-log-file', reason: 'would write TLS session keys to a file' },
];

/** The switch name an argument sets, as Chromium parses it, or null for a plain argument. */
function switchName(arg: string, platform: NodeJS.Platform): string | null {
  // Chromium takes `--x` and `-x`, and on Windows also `/x`, with names in any case there.
  const prefix = /^--?/.exec(arg)?.[0] ?? (platform === 'win32' && arg.startsWith('/') ? '/' : '');
  if (prefix === '') return null;
  const name = arg.slice(prefix.length).split('=')[0]!.toLowerCase();
  return name === '' ? null : name;
}

function refusedSwitch(name: string): Refusal | undefined {
  return REFUSED_SWITCHES.find((s) => name === s.name || name.startsWith(`${s.name}-`));
}

function refusedVariables(env: LaunchContext['env']): Refusal[] {
  // Variable names ignore case on Windows; an empty variable changes nothing.
  const present = new Set(
    Object.entries(env)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key]) => key.toUpperCase()),
  );
  return REFUSED_VARIABLES.filter((v) => present.has(v.name));
}

function refusedSwitches(argv: readonly string[], platform: NodeJS.Platform): Refusal[] {
  const found = new Map<string, Refusal>();
  for (const arg of argv.slice(1)) {
    const name = switchName(arg, platform);
    const refusal = name === null ? undefined : refusedSwitch(name);
    if (name !== null && refusal) found.set(name, { name: `--${name}`, reason: refusal.reason });
  }
  return [...found.values()];
}

function refusalMessage(refused: readonly Refusal[]): string {
  return [
    'ReCharge Desk will not start with debugging switches or variables that change what it loads or trusts:',
    ...refused.map((r) => `  ${r.name}: ${r.reason}`),
    'Start it again without them.',
  ].join('\n');
}

/**
 * Whether the app may start, and on which renderer. A development build keeps electron-vite's
 * dev server and debugging; a packaged build never honours them.
 */
export function planLaunch(context: LaunchContext): LaunchPlan {
  if (!context.isPackaged) {
    const url = context.env['ELECTRON_RENDERER_URL'];
    return { start: true, devServerUrl: url === '' ? undefined : url };
  }
  const refused = [
    ...refusedVariables(context.env),
    ...refusedSwitches(context.argv, context.platform),
  ];
  if (refused.length === 0) return { start: true, devServerUrl: undefined };
  return { start: false, refused, message: refusalMessage(refused) };
}
