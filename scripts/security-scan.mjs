// Static security audit of the built app with Electronegativity (Doyensec), offline.
//
//   node scripts/security-scan.mjs [--build]
//
// Scans the bundles that ship (out/main, out/preload, out/renderer) and package.json. Exits 1 on
// any HIGH or MEDIUM finding not in ALLOWED below (each one justified in SECURITY.md), on any file
// Electronegativity could not parse, or when the scan could not run.
//
// Why not its CLI: `electronegativity` breaks on the hoisted commander
// ("_commander2.default.version is not a function"), and its runner fetches translations and
// Electron's release list from the network. This script drives the same Parser, Finder and
// GlobalChecks classes the runner uses, with the English messages shipped in the package, and
// leaves out the one check that needs the network (AvailableSecurityFixesGlobalCheck; "current
// Electron" is covered by SECURITY.md and `npm outdated electron`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const dist = join(root, 'node_modules/@doyensec/electronegativity/dist');

/** Findings reviewed and accepted: check id, file glob, the flagged line, and why (SECURITY.md). */
export const ALLOWED = [
  {
    id: 'PERMISSION_REQUEST_HANDLER_JS_CHECK',
    file: 'out/main/index.js',
    line: /setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/,
    why: 'The handler denies every permission (permissions.ts denyAllPermissions).',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'out/main/index.js',
    line: /^\s*preload: preloadPath,$/,
    why: 'The preload exposes only buildApi(...) as window.rechargeDesk (src-main/preload.ts).',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'out/main/index.js',
    line: /await shell\.openExternal\(url\);$/,
    why: 'The one shell.openExternal call, behind vetExternalUrl (open-external.ts).',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'out/main/index.js',
    line: /click: \(\) => options\.openExternal\((API_DOCS_URL|HELP_CENTER_URL)\)$/,
    why: 'Help menu items pass constant https docs URLs to the guarded openExternal.',
  },
];

const FAILING = new Set(['HIGH', 'MEDIUM']);
const NETWORK_CHECKS = ['availablesecurityfixesglobalcheck'];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function build() {
  console.log('building bundles: electron-vite build');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('electron-vite build failed');
}

function setUpMessages() {
  // The runner's i18n set-up minus its network fetch: messages come from the package's en-US file.
  const i18n = require('i18n');
  i18n.configure({
    locales: ['en-US'],
    defaultLocale: 'en-US',
    directory: join(dist, 'locales'),
    updateFiles: false,
    objectNotation: true,
    register: globalThis,
  });
  i18n.setLocale('en-US');
}

export async function scan(files, electronVersion) {
  setUpMessages();
  const { Parser } = require(join(dist, 'parser'));
  const { Finder, GlobalChecks } = require(join(dist, 'finder'));
  const parser = new Parser(false, true);
  const globalChecks = new GlobalChecks([], NETWORK_CHECKS);
  const finder = await new Finder([], []);
  const checks = globalChecks._enabled_checks.length + finder._enabled_checks.length;
  let issues = [];
  const errors = [];
  for (const file of files) {
    const content = readFileSync(file);
    // Electronegativity picks the parser by extension: .cjs/.mjs are JavaScript. Its esprima
    // walker does not know class private fields (Vue, Vuetify); its TypeScript path does.
    const names = [file.replace(/\.[cm]js$/, '.js'), file.replace(/\.[cm]?js$/, '.ts')];
    let done = false;
    let lastError = null;
    for (const name of names) {
      try {
        const [type, data, text] = parser.parse(name, content);
        if (data === null) {
          done = true;
          break;
        }
        issues.push(...(await finder.find(file, data, type, text, null, electronVersion)));
        done = true;
        break;
      } catch (error) {
        lastError = error;
      }
    }
    if (!done) errors.push({ file, message: String(lastError?.message ?? lastError) });
  }
  issues = await globalChecks.getResults(issues);
  return { checks, issues, errors };
}

function isAllowed(issue, relFile, lines) {
  const line = lines[issue.location.line - 1] ?? '';
  return ALLOWED.find(
    (a) => a.id === issue.id && matchesGlob(relFile, a.file) && a.line.test(line),
  );
}

async function main() {
  const started = Date.now();
  if (process.argv.includes('--build') || !existsSync(join(root, 'out/main/index.js'))) build();
  const files = [
    ...walk(join(root, 'out')).filter((f) => /\.(c?js|mjs|html?)$/.test(f)),
    join(root, 'package.json'),
  ];
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const { checks, issues, errors } = await scan(files, electronVersion);

  const lineCache = new Map();
  const linesOf = (file) => {
    if (!lineCache.has(file)) lineCache.set(file, readFileSync(file, 'utf8').split('\n'));
    return lineCache.get(file);
  };
  const failing = [];
  const used = new Set();
  console.log(
    `Electronegativity ${require(join(dist, '../package.json')).version}: ${checks} checks, ` +
      `${files.length} files, Electron ${electronVersion}`,
  );
  for (const issue of issues) {
    const rel = relative(root, issue.file);
    const severity = issue.severity.name;
    const allowed = isAllowed(issue, rel, linesOf(issue.file));
    if (allowed) used.add(allowed);
    const verdict = allowed ? 'allowed' : FAILING.has(severity) ? 'FAIL' : 'note';
    if (verdict === 'FAIL') failing.push(issue);
    console.log(
      `  ${verdict.padEnd(7)} ${severity.padEnd(13)} ${issue.confidence.name.padEnd(9)} ` +
        `${issue.id} ${rel}:${issue.location.line}` +
        (allowed ? `  — ${allowed.why}` : issue.manualReview ? '  (review)' : ''),
    );
  }
  for (const error of errors)
    console.log(`  FAIL    could not parse ${relative(root, error.file)}: ${error.message}`);
  for (const entry of ALLOWED) {
    if (!used.has(entry))
      console.log(`  stale allow-list entry: ${entry.id} ${entry.file} ${entry.line}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const bad = failing.length + errors.length;
  console.log(
    bad === 0
      ? `security scan passed: ${issues.length} findings, none unjustified at HIGH/MEDIUM (${seconds}s)`
      : `security scan FAILED: ${failing.length} unjustified HIGH/MEDIUM findings, ${errors.length} unparsed files`,
  );
  process.exitCode = bad === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`security scan could not run: ${error?.stack ?? error}`);
    process.exitCode = 1;
  });
}
