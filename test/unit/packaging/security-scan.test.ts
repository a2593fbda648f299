import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

interface Issue {
  id: string;
  file: string;
  severity: { name: string };
}
interface AllowEntry {
  rule: string;
  file: string;
  snippet: string;
  why: string;
}
interface Judged {
  findings: { rel: string; verdict: 'allowed' | 'FAIL' | 'note'; issue: Issue }[];
  stale: AllowEntry[];
}
interface ScanModule {
  scan(
    files: string[],
    electronVersion: string,
  ): Promise<{ checks: number; issues: Issue[]; errors: unknown[] }>;
  judge(issues: Issue[], allowList: AllowEntry[], root: string): Judged;
  loadAllowList(file: string): AllowEntry[];
}

const root = resolve(import.meta.dirname, '../../..');
const script = join(root, 'scripts/security-scan.mjs');
const dir = mkdtempSync(join(tmpdir(), 'rcd-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = async () => (await import(pathToFileURL(script).href)) as ScanModule;

function write(file: string, text: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const PASSED = /^security scan passed: /m;
const built = new Date(Date.now() - 3_600_000);
const edited = new Date(Date.now() - 7_200_000);

/** The one review finding of the small bundle below, allowed as the real app's is. */
const PERMISSIONS: AllowEntry = {
  rule: 'PERMISSION_REQUEST_HANDLER_JS_CHECK',
  file: 'out/main/index.js',
  snippet:
    'session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));',
  why: 'denies every permission',
};

const MAIN_BUNDLE = `import { app, session } from 'electron';
app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
});
${PERMISSIONS.snippet}
`;

/** A copy of the project the scan can run in: the script, a small clean bundle, sources older. */
function project(name: string, extraAllowed: AllowEntry[] = []): string {
  const at = join(dir, name);
  write(
    join(at, 'scripts/security-scan-allow.json'),
    JSON.stringify([PERMISSIONS, ...extraAllowed]),
  );
  copyFileSync(script, join(at, 'scripts/security-scan.mjs'));
  symlinkSync(join(root, 'node_modules'), join(at, 'node_modules'), 'dir');
  copyFileSync(join(root, 'package.json'), join(at, 'package.json'));
  utimesSync(join(at, 'package.json'), edited, edited);
  for (const source of ['src-main/index.ts', 'src-renderer/main.ts', 'src-shared/x.ts']) {
    utimesSync(write(join(at, source), 'export {};\n'), edited, edited);
  }
  const bundles = [
    write(join(at, 'out/main/index.js'), MAIN_BUNDLE),
    write(join(at, 'out/preload/preload.cjs'), "'use strict';\nmodule.exports = {};\n"),
    write(
      join(at, 'out/renderer/index.html'),
      '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><title>t</title>\n',
    ),
  ];
  for (const bundle of bundles) utimesSync(bundle, built, built);
  return at;
}

function run(entry: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [entry, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe('security scan (Electronegativity, offline)', () => {
  it('flags an insecure window so a regression fails CI', async () => {
    const file = write(
      join(dir, 'insecure.js'),
      `const { BrowserWindow, shell } = require('electron');
       const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
       w.webContents.on('new-window', (e, url) => shell.openExternal(url));`,
    );
    const { checks, issues, errors } = await (await load()).scan([file], '45.5.0');
    expect(checks).toBeGreaterThan(30);
    expect(errors).toEqual([]);
    const failing = issues
      .filter((i) => ['HIGH', 'MEDIUM'].includes(i.severity.name))
      .map((i) => i.id);
    expect(failing).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']),
    );
  });

  it('passes the hardened window options literal', async () => {
    const file = write(
      join(dir, 'secure.js'),
      `const { BrowserWindow } = require('electron');
       function open() {
         const windowOptions = { webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } };
         return new BrowserWindow(windowOptions);
       }`,
    );
    const { issues } = await (await load()).scan([file], '45.5.0');
    const ids = issues.map((i) => i.id);
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
    ]) {
      expect(ids).not.toContain(id);
    }
  });
});

describe('security scan run as a script', () => {
  it('runs and says it passed from a path with a space, a % and non-ASCII letters', () => {
    const at = project('rcd scan 100% dé ü');
    const { status, out } = run(join(at, 'scripts/security-scan.mjs'), '--no-build');
    expect(out).toMatch(/^Electronegativity \d/m);
    expect(out).toMatch(PASSED);
    expect(status).toBe(0);
  });

  it('runs when started through a symlink', () => {
    const at = project('linked');
    const link = join(dir, 'lïnk to scan.mjs');
    symlinkSync(join(at, 'scripts/security-scan.mjs'), link);
    const { status, out } = run(link, '--no-build');
    expect(out).toMatch(PASSED);
    expect(status).toBe(0);
  });

  it('refuses a bundle older than the sources, naming the newer source', () => {
    const at = project('stale');
    write(join(at, 'src-main/shell/late.ts'), 'export const late = 1;\n');
    const { status, out } = run(join(at, 'scripts/security-scan.mjs'), '--no-build');
    expect(out).toContain('src-main/shell/late.ts');
    expect(out).toMatch(/older than/);
    expect(out).not.toMatch(PASSED);
    expect(status).toBe(1);
  });

  it('refuses when a bundle is missing and building is off', () => {
    const at = project('unbuilt');
    rmSync(join(at, 'out/preload'), { recursive: true });
    const { status, out } = run(join(at, 'scripts/security-scan.mjs'), '--no-build');
    expect(out).toContain('out/preload/preload.cjs');
    expect(out).not.toMatch(PASSED);
    expect(status).toBe(1);
  });

  it('fails on an allow-list entry that matched nothing', () => {
    const at = project('stale-entry', [
      {
        rule: 'OPEN_EXTERNAL_JS_CHECK',
        file: 'out/main/index.js',
        snippet: 'await shell.openExternal(url);',
        why: 'gone',
      },
    ]);
    const { status, out } = run(join(at, 'scripts/security-scan.mjs'), '--no-build');
    expect(out).toMatch(/stale allow-list entry: OPEN_EXTERNAL_JS_CHECK out\/main\/index\.js/);
    expect(out).not.toMatch(PASSED);
    expect(status).toBe(1);
  });

  it('does nothing when imported, so tests can load it', async () => {
    const before = process.exitCode;
    await load();
    expect(process.exitCode).toBe(before);
  });
});

describe('security scan allow-list', () => {
  const opener = `const { shell } = require('electron');
async function open(url) {
  await shell.openExternal(url);
}
`;
  const entry: AllowEntry = {
    rule: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'out/main/index.js',
    snippet: 'await shell.openExternal(url);',
    why: 'vetted',
  };

  async function judged(files: Record<string, string>, allowList: AllowEntry[]) {
    const at = mkdtempSync(join(dir, 'allow-'));
    const paths = Object.entries(files).map(([rel, text]) => write(join(at, rel), text));
    const scan = await load();
    const { issues } = await scan.scan(paths, '45.5.0');
    const result = scan.judge(issues, allowList, at);
    const verdicts = result.findings
      .filter((f) => f.issue.id === 'OPEN_EXTERNAL_JS_CHECK')
      .map((f) => `${f.verdict} ${f.rel}`);
    return { verdicts, stale: result.stale };
  }

  it('allows a finding of the named rule, file and snippet', async () => {
    const result = await judged({ 'out/main/index.js': opener }, [entry]);
    expect(result).toEqual({ verdicts: ['allowed out/main/index.js'], stale: [] });
  });

  it('does not allow the same snippet in another file', async () => {
    const result = await judged({ 'out/preload/preload.cjs': opener }, [entry]);
    expect(result).toEqual({ verdicts: ['FAIL out/preload/preload.cjs'], stale: [entry] });
  });

  it('does not allow another rule, or a snippet that only contains the entry', async () => {
    for (const other of [
      { ...entry, rule: 'PRELOAD_JS_CHECK' },
      { ...entry, snippet: 'shell.openExternal(url)' },
    ]) {
      const result = await judged({ 'out/main/index.js': opener }, [other]);
      expect(result).toEqual({ verdicts: ['FAIL out/main/index.js'], stale: [other] });
    }
  });

  it('allows one finding per entry', async () => {
    const twice = `${opener}async function openAgain(url) {
  await shell.openExternal(url);
}
`;
    const result = await judged({ 'out/main/index.js': twice }, [entry]);
    expect(result.verdicts.sort()).toEqual(['FAIL out/main/index.js', 'allowed out/main/index.js']);
  });

  it("reads the project's allow-list: each entry a rule, a file, a snippet and a reason", async () => {
    const entries = (await load()).loadAllowList(join(root, 'scripts/security-scan-allow.json'));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(['file', 'rule', 'snippet', 'why']);
      expect(e.file).toMatch(/^out\//);
    }
  });

  it('refuses a malformed allow-list rather than allowing by accident', async () => {
    const file = write(
      join(dir, 'bad-allow.json'),
      JSON.stringify([{ rule: 'OPEN_EXTERNAL_JS_CHECK', line: 'openExternal' }]),
    );
    const scan = await load();
    expect(() => scan.loadAllowList(file)).toThrow(/allow-list/);
  });
});
