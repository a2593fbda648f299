// `node bench/keystroke-paint.ts [--customers N] [--keys N]`: keystroke → results painted, in the
// browser harness on a demo store, typed a character at a time into the search box by headless
// Chromium. Per keystroke: from the key's event to the frame after the list shows that query's
// rows (the table's data-shown-query, then a frame and a task: the paint); beside it, in the
// same run, the search alone: the bridge's round trip for that keystroke's customers:search.
// Writes its row into BENCHMARKS.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '3000' },
    keys: { type: 'string', default: '150' },
  },
});
const CUSTOMERS = Number(values.customers);
const KEYS = Number(values.keys);
// What a person types: names, emails, cities, ZIPs, phone digits, ids.
const WORDS = [
  'maria garcia',
  'smith',
  'gmail.com',
  'toronto',
  '90210',
  '310 555',
  'johnson',
  'san francisco',
  'llc',
  '4001',
  "o'brien",
  'william',
  'new york',
  'anderson',
];
const GOAL = 'p95 ≤ 50 ms';
const ROW = '| keystroke → results painted';

interface Key {
  query: string;
  down: number;
  /** When its customers:search left, and when the answer came. */
  sent: number | null;
  answered: number | null;
  painted: number | null;
}

interface Bench {
  /** The keystroke each search request was sent for, by request id. */
  requests: Map<number, Key>;
  keys: Key[];
}

// The little of the page's DOM the probe below uses (this file is type-checked as Node code).
interface PageSocket {
  send(data: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
interface PageEvent {
  timeStamp: number;
  target: unknown;
}
interface PageGlobals {
  __bench: Bench;
  WebSocket: new (url: string | URL, protocols?: string | string[]) => PageSocket;
  document: {
    body: unknown;
    addEventListener(type: string, listener: (event: PageEvent) => void, capture: boolean): void;
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
  requestAnimationFrame(callback: () => void): number;
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: object): void;
    disconnect(): void;
  };
}

/** Runs in the page before the app: times each search's bridge round trip and each keystroke. */
function instrument(): void {
  const page = globalThis as unknown as PageGlobals;
  page.__bench = { requests: new Map(), keys: [] };
  const bench = page.__bench;
  const Native = page.WebSocket;
  class Timed extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Registered before the client's onmessage, so it runs first.
      this.addEventListener('message', (event) => {
        const id = (JSON.parse(String(event.data)) as { id?: number }).id;
        const key = typeof id === 'number' ? bench.requests.get(id) : undefined;
        if (key) key.answered = performance.now();
      });
    }
    override send(data: string) {
      const message = JSON.parse(data) as { id: number; channel: string; input: { query: string } };
      const key = bench.keys.at(-1);
      if (message.channel === 'customers:search' && key && key.query === message.input.query) {
        key.sent = performance.now();
        bench.requests.set(message.id, key);
      }
      super.send(data);
    }
  }
  page.WebSocket = Timed;
  let down = 0;
  page.document.addEventListener('keydown', (event) => (down = event.timeStamp), true);
  page.document.addEventListener(
    'input',
    (event) => {
      const query = (event.target as { value: string }).value;
      const key: Key = { query, down, sent: null, answered: null, painted: null };
      bench.keys.push(key);
      const observer = new page.MutationObserver(() => {
        const shown = page.document.querySelector('[data-shown-query]');
        if (shown?.getAttribute('data-shown-query') !== query) return;
        observer.disconnect();
        // The frame that shows the rows, then the task after it: the paint is done.
        page.requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.addEventListener('message', () => {
            key.painted = performance.now();
            channel.port1.close();
          });
          channel.port1.start();
          channel.port2.postMessage(null);
        });
      });
      observer.observe(page.document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-shown-query'],
      });
    },
    true,
  );
}

function startHarness(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const args = [
    'scripts/harness.ts',
    '--build',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--demo-customers',
    String(CUSTOMERS),
    '--demo-time-scale',
    '20',
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`harness did not start:\n${out}`)), 300_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /harness ready: (\S+)/.exec(out)?.[1];
      if (url && /"sync finished"/.test(out)) {
        clearTimeout(timer);
        done({ child, url });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`harness exited with ${code}:\n${out}`)));
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Replaces the line starting with `prefix`, or else puts `line` after the one starting with `after`. */
function putLine(lines: string[], prefix: string, line: string, after: string): void {
  const at = lines.findIndex((l) => l.startsWith(prefix));
  if (at >= 0) lines[at] = line;
  else lines.splice(lines.findIndex((l) => l.startsWith(after)) + 1, 0, line);
}

const dataDir = mkdtempSync(join(tmpdir(), 'rc-keystroke-'));
const load = loadavg()[0]?.toFixed(2);
const { child, url } = await startHarness(dataDir);
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(instrument);
  await page.goto(url);
  const box = page.getByTestId('search-input').locator('input');
  await box.waitFor();
  await page.locator('[data-testid="customer-row"]').first().waitFor();
  let typed = 0;
  for (let round = 0; typed < KEYS; round += 1) {
    await box.fill('');
    for (const char of WORDS[round % WORDS.length]!) {
      await box.press(char === ' ' ? 'Space' : char);
      typed += 1;
      // A person's pace: the next key once this one's rows are up, or after a second at most.
      await page
        .waitForFunction(
          () => {
            const { keys } = (globalThis as unknown as PageGlobals).__bench;
            return keys.at(-1)?.painted !== null;
          },
          undefined,
          { timeout: 1_000 },
        )
        .catch(() => undefined);
      await page.waitForTimeout(60);
    }
  }
  const keys = await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench.keys);
  const typedKeys = keys.filter((k) => k.query !== '');
  const painted = typedKeys.filter((k) => k.painted !== null).map((k) => k.painted! - k.down);
  const done = typedKeys.filter(
    (k) => k.painted !== null && k.sent !== null && k.answered !== null,
  );
  const queryOnly = done.map((k) => k.answered! - k.sent!);
  const toRequest = done.map((k) => k.sent! - k.down);
  const toPaint = done.map((k) => k.painted! - k.answered!);
  const split =
    `keydown → request sent: p50 ${ms(percentile(toRequest, 50))}, p95 ${ms(percentile(toRequest, 95))}; ` +
    `answer → painted: p50 ${ms(percentile(toPaint, 50))}, p95 ${ms(percentile(toPaint, 95))}`;
  console.log(split);
  const missed = typedKeys.length - painted.length;
  const p95 = percentile(painted, 95);
  const row =
    `${ROW} (browser harness, ${CUSTOMERS.toLocaleString('en-US')}-customer demo store, ${painted.length} keystrokes typed one at a time) ` +
    `| p50 ${ms(percentile(painted, 50))}, p95 ${ms(p95)}, max ${ms(Math.max(...painted))}${missed ? `; ${missed} never painted` : ''} ` +
    `| the search alone (bridge round trip of each keystroke's customers:search): p50 ${ms(percentile(queryOnly, 50))}, p95 ${ms(percentile(queryOnly, 95))} → rendering adds ${ms(p95 - percentile(queryOnly, 95))} at p95 ` +
    `| ${GOAL} |`;
  console.log(row);
  const cpu = cpus();
  const note = `- Keystroke → paint by \`node bench/keystroke-paint.ts\` (no npm needed: Node 24, /usr/bin/chromium or CHROMIUM_PATH; \`--customers N\`, \`--keys N\`) on ${new Date().toISOString().slice(0, 10)} (${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores; load average at start ${load}): the harness and Chromium on the same machine, each keystroke timed from its keydown to the frame after the table shows that query's rows (${split}).`;
  const file = join(root, 'BENCHMARKS.md');
  const lines = readFileSync(file, 'utf8').split('\n');
  putLine(lines, ROW, row, '| search at 100,000');
  putLine(lines, '- Keystroke → paint by ', note, '## Notes');
  writeFileSync(file, lines.join('\n'));
  console.log(`\n${note}\nwritten to BENCHMARKS.md`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
