// Static security audit of the built app with Electronegativity (Doyensec), offline.
//
//   node scripts/security-scan.mjs [--no-build]
//
// Builds the bundles fresh (electron-vite build), then scans the ones that ship (out/main,
// out/preload, out/renderer) and package.json. `--no-build` scans out/ as it is, but refuses a
// bundle older than its sources. Exits 1, without its "passed" line, on any HIGH or MEDIUM finding
// not in the allow-list (scripts/security-scan-allow.json, each entry justified in SECURITY.md),
// on an allow-list entry that allowed nothing, on any file Electronegativity could not parse, or
// when the scan could not run. CI requires the "passed" line (.ci/run).
//
// Why not its CLI: `electronegativity` breaks on the hoisted commander
// ("_commander2.default.version is not a function"), and its runner fetches translations and
// Electron's release list from the network. This script drives the same Parser, Finder and
// GlobalChecks classes the runner uses, with the English messages shipped in the package, and
// leaves out the one check that needs the network (AvailableSecurityFixesGlobalCheck; "current
// Electron" is covered by SECURITY.md and `npm outdated electron`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const dist = join(root, 'node_modules/@doyensec/electronegativity/dist');

/** Findings reviewed and accepted, one entry per finding: rule, file, flagged code, and why. */
const ALLOW_LIST = join(root, 'scripts/security-scan-allow.json');
const ENTRY_KEYS = ['file', 'rule', 'snippet', 'why'];
/** The bundles that ship: each must exist. */
const BUNDLES = ['out/main/index.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];
/** What the bundles are built from. */
const SOURCES = [
  'src-main',
  'src-renderer',
  'src-shared',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
];

const FAILING = new Set(['HIGH', 'MEDIUM']);
/** A reason not to scan that the message alone explains (no stack trace). */
class Refusal extends Error {}
const NETWORK_CHECKS = ['availablesecurityfixesglobalcheck'];

function walk(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => walk(join(path, e.name)));
}

const relativeTo = (base, file) => relative(base, file).split(sep).join('/');

function build() {
  console.log('building the bundles fresh: electron-vite build');
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Refusal('electron-vite build failed');
}

/** Why out/ cannot be scanned (a bundle missing, or older than a source), or null. */
function bundleProblem(base = root) {
  const missing = BUNDLES.filter((file) => !existsSync(join(base, file)));
  if (missing.length > 0) return `missing bundle: ${missing.join(', ')}`;
  const stamped = (files) => files.map((file) => ({ file, mtime: statSync(file).mtimeMs }));
  const bundles = stamped(walk(join(base, 'out'))).sort((a, b) => a.mtime - b.mtime);
  const sources = stamped(
    SOURCES.map((s) => join(base, s))
      .filter((path) => existsSync(path))
      .flatMap(walk),
  ).sort((a, b) => b.mtime - a.mtime);
  const [oldest] = bundles;
  const [newest] = sources;
  if (!oldest || !newest || newest.mtime <= oldest.mtime) return null;
  return (
    `out/ is older than its sources: ${relativeTo(base, newest.file)} changed after ` +
    `${relativeTo(base, oldest.file)} was built`
  );
}

/** The allow-list, refused whole when an entry lacks a rule, a file, a snippet or a reason. */
export function loadAllowList(file = ALLOW_LIST) {
  const entries = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${file}: the allow-list must be an array`);
  entries.forEach((entry, i) => {
    const keys = entry && typeof entry === 'object' ? Object.keys(entry).sort() : [];
    const complete =
      keys.join() === ENTRY_KEYS.join() &&
      ENTRY_KEYS.every((key) => typeof entry[key] === 'string' && entry[key].trim() !== '');
    if (!complete) {
      throw new Error(
        `${file}: allow-list entry ${i} must have exactly ${ENTRY_KEYS.join(', ')}, non-empty`,
      );
    }
  });
  return entries;
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

/**
 * Each finding against the allow-list. An entry allows one finding: of its rule, in its file, whose
 * flagged code (Electronegativity's sample, else the flagged line) is exactly its snippet. Entries
 * that allowed nothing are stale.
 */
export function judge(issues, allowList, base = root) {
  const unused = [...allowList];
  const lines = new Map();
  const lineOf = (file, line) => {
    if (!lines.has(file)) lines.set(file, readFileSync(file, 'utf8').split('\n'));
    return lines.get(file)[line - 1] ?? '';
  };
  const findings = issues.map((issue) => {
    const located = issue.file !== 'N/A' && existsSync(issue.file);
    const rel = located ? relativeTo(base, issue.file) : issue.file;
    const snippet = (
      issue.sample ?? (located ? lineOf(issue.file, issue.location.line) : '')
    ).trim();
    const at = unused.findIndex(
      (e) => e.rule === issue.id && e.file === rel && e.snippet === snippet,
    );
    const entry = at === -1 ? undefined : unused.splice(at, 1)[0];
    const verdict = entry ? 'allowed' : FAILING.has(issue.severity.name) ? 'FAIL' : 'note';
    return { issue, rel, snippet, verdict, entry };
  });
  return { findings, stale: unused };
}

async function main() {
  const started = Date.now();
  const { values } = parseArgs({
    options: { build: { type: 'boolean', default: true } },
    allowNegative: true,
  });
  if (values.build) build();
  const problem = bundleProblem();
  if (problem) {
    throw new Refusal(
      values.build
        ? `${problem} (a source changed during the build): run the scan again`
        : `${problem}: run the scan without --no-build, or \`npx electron-vite build\` first`,
    );
  }
  const allowList = loadAllowList();
  const files = [
    ...walk(join(root, 'out')).filter((f) => /\.(c?js|mjs|html?)$/.test(f)),
    join(root, 'package.json'),
  ];
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const { checks, issues, errors } = await scan(files, electronVersion);
  const { findings, stale } = judge(issues, allowList);

  console.log(
    `Electronegativity ${require(join(dist, '../package.json')).version}: ${checks} checks, ` +
      `${files.length} files, Electron ${electronVersion}`,
  );
  for (const { issue, rel, verdict, entry } of findings) {
    console.log(
      `  ${verdict.padEnd(7)} ${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ` +
        `${issue.id} ${rel}:${issue.location.line}` +
        (entry ? `  — ${entry.why}` : issue.manualReview ? '  (review)' : ''),
    );
  }
  for (const error of errors)
    console.log(`  FAIL    could not parse ${relativeTo(root, error.file)}: ${error.message}`);
  for (const entry of stale) {
    console.log(
      `  FAIL    stale allow-list entry: ${entry.rule} ${entry.file} \`${entry.snippet}\` ` +
        '(allowed nothing: remove it, or update it to the code it was for)',
    );
  }
  const failing = findings.filter((f) => f.verdict === 'FAIL').length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const bad = failing + errors.length + stale.length;
  console.log(
    bad === 0
      ? `security scan passed: ${issues.length} findings, none unjustified at HIGH/MEDIUM (${seconds}s)`
      : `security scan FAILED: ${failing} unjustified HIGH/MEDIUM findings, ` +
          `${errors.length} unparsed files, ${stale.length} stale allow-list entries`,
  );
  process.exitCode = bad === 0 ? 0 : 1;
}

/** True when node runs this file, however its path is spelled: spaces, %, non-ASCII, symlinks. */
function invokedAsScript() {
  const entry = process.argv[1];
  if (!entry) return false;
  const href = (path) => pathToFileURL(realpathSync.native(path)).href;
  try {
    return href(entry) === href(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedAsScript()) {
  main().catch((error) => {
    const detail = error instanceof Refusal ? error.message : (error?.stack ?? error);
    console.error(`security scan could not run: ${detail}`);
    process.exitCode = 1;
  });
}
