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
const REFUSED_VARIABLES: Readonly<Record<string, string>> = {
  ELECTRON_RENDERER_URL: 'would load another page into the window',
  NODE_OPTIONS: 'would pass flags or code to the main process',
  NODE_TLS_REJECT_UNAUTHORIZED: 'can turn off TLS certificate checks',
  NODE_EXTRA_CA_CERTS: 'would trust extra certificate authorities',
  ELECTRON_RUN_AS_NODE: 'would run the app as plain Node',
  SSLKEYLOGFILE: 'would write TLS session keys to a file',
};

/**
 * Switch families, matched by name or `name-…` prefix. `--no-sandbox` is left alone on purpose:
 * some Linux desktops cannot start Chromium's sandbox without it.
 */
const REFUSED_SWITCHES: Readonly<Record<string, string>> = {
  'remote-debugging': 'would open the DevTools protocol on the window',
  inspect: 'would open a debugger on the main process',
  'js-flags': 'would pass flags to the JavaScript engine',
  'ignore-certificate-errors': 'would accept any TLS certificate',
  'ssl-key-log-file': 'would write TLS session keys to a file',
};

/** The switch name an argument sets, as Chromium parses it, or null for a plain argument. */
function switchName(arg: string, platform: NodeJS.Platform): string | null {
  // Chromium takes `--x` and `-x`, and on Windows also `/x`, with names in any case there.
  const prefix = /^--?/.exec(arg)?.[0] ?? (platform === 'win32' && arg.startsWith('/') ? '/' : '');
  if (prefix === '') return null;
  const name = arg.slice(prefix.length).split('=')[0]!.toLowerCase();
  return name === '' ? null : name;
}

/** Why a switch is refused: its family's reason, by name or `name-…` prefix. */
function refusedSwitch(name: string): string | undefined {
  const family = Object.keys(REFUSED_SWITCHES).find((s) => name === s || name.startsWith(`${s}-`));
  return family === undefined ? undefined : REFUSED_SWITCHES[family];
}

function refusedVariables(env: LaunchContext['env']): Refusal[] {
  // Variable names ignore case on Windows; an empty variable changes nothing.
  const present = new Set(
    Object.entries(env)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key]) => key.toUpperCase()),
  );
  return Object.entries(REFUSED_VARIABLES)
    .filter(([name]) => present.has(name))
    .map(([name, reason]) => ({ name, reason }));
}

function refusedSwitches(argv: readonly string[], platform: NodeJS.Platform): Refusal[] {
  const found = new Map<string, Refusal>();
  for (const arg of argv.slice(1)) {
    const name = switchName(arg, platform);
    const reason = name === null ? undefined : refusedSwitch(name);
    if (name !== null && reason) found.set(name, { name: `--${name}`, reason });
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
