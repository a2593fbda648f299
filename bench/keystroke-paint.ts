// `node bench/keystroke-paint.ts [--customers N] [--keys N]`: keystroke → results painted, in the
// browser harness on a demo store, typed a character at a time into the search box by headless
// Chromium. Per keystroke: from the key's event to the frame after the list shows that query's
// rows (the table's data-shown-query, then a frame and a task: the paint); beside it, in the
// same run, the search alone: the bridge's round trip for that keystroke's customers:search.
// The floor, also in the same run: the same keystrokes typed into a page of one input and one
// line, which sends the same search over the same bridge and shows its first rows as text — what
// the browser, the bridge and the core cost before the app renders anything.
// Writes its row into BENCHMARKS.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Locator, type Page } from 'playwright-core';
import { putLines } from './benchmarks-file.ts';

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

/** Types the words a key at a time into `box`, at a person's pace; returns each key's times. */
async function typeWords(page: Page, box: Locator): Promise<Key[]> {
  let typed = 0;
  for (let round = 0; typed < KEYS; round += 1) {
    await box.fill('');
    for (const char of WORDS[round % WORDS.length]!) {
      await box.press(char === ' ' ? 'Space' : char);
      typed += 1;
      // The next key once this one's rows are up, or after a second at most.
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
  return keys.filter((k) => k.query !== '');
}

/**
 * The floor: one input and one line of text. Each input sends the app's search over the same
 * bridge, the answer's first names become the line, marked with the query they answer.
 */
const FLOOR_HTML = `<!doctype html><meta charset="utf-8"><input id="q" autofocus><p data-shown-query=""></p>
<script src="bench-floor.js"></script>`;
const FLOOR_JS = `const secret = new URLSearchParams(location.hash.slice(1)).get('bridge');
const socket = new WebSocket('ws://' + location.host + '/bridge?secret=' + encodeURIComponent(secret));
const line = document.querySelector('p');
const asked = new Map();
let id = 0;
socket.onmessage = (event) => {
  const answer = JSON.parse(event.data);
  const query = asked.get(answer.id);
  if (query === undefined || !answer.result || !answer.result.ok) return;
  line.textContent = answer.result.value.items.map((row) => row.email).join(', ');
  line.setAttribute('data-shown-query', query);
};
document.querySelector('#q').addEventListener('input', (event) => {
  const query = event.target.value;
  id += 1;
  asked.set(id, query);
  const input = { query, filters: {}, sort: { key: 'relevance', dir: 'desc' }, page: 1, pageSize: 25 };
  socket.send(JSON.stringify({ id, channel: 'customers:search', input }));
});`;
/** The floor page is served by the harness, beside the built renderer (same origin, same CSP). */
const rendererDir = join(root, 'out', 'renderer');

interface Times {
  painted: number[];
  search: number[];
  toRequest: number[];
  toPaint: number[];
  missed: number;
}

function timesOf(keys: Key[]): Times {
  const painted = keys.filter((k) => k.painted !== null).map((k) => k.painted! - k.down);
  const done = keys.filter((k) => k.painted !== null && k.sent !== null && k.answered !== null);
  return {
    painted,
    search: done.map((k) => k.answered! - k.sent!),
    toRequest: done.map((k) => k.sent! - k.down),
    toPaint: done.map((k) => k.painted! - k.answered!),
    missed: keys.length - painted.length,
  };
}

const p50p95 = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}`;

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
  const app = timesOf(await typeWords(page, box));

  const floorPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await floorPage.addInitScript(instrument);
  writeFileSync(join(rendererDir, 'bench-floor.html'), FLOOR_HTML);
  writeFileSync(join(rendererDir, 'bench-floor.js'), FLOOR_JS);
  await floorPage.goto(`${new URL(url).origin}/bench-floor.html${new URL(url).hash}`);
  const floor = timesOf(await typeWords(floorPage, floorPage.locator('#q')));

  const split =
    `keydown → request sent: ${p50p95(app.toRequest)}; ` +
    `answer → painted: ${p50p95(app.toPaint)}; ` +
    `on the floor page: keydown → request sent ${p50p95(floor.toRequest)}, answer → painted ${p50p95(floor.toPaint)}`;
  console.log(split);
  const p95 = percentile(app.painted, 95);
  const floorP95 = percentile(floor.painted, 95);
  const row =
    `${ROW} (browser harness, ${CUSTOMERS.toLocaleString('en-US')}-customer demo store, ${app.painted.length} keystrokes typed one at a time) ` +
    `| p50 ${ms(percentile(app.painted, 50))}, p95 ${ms(p95)}, max ${ms(Math.max(...app.painted))}${app.missed ? `; ${app.missed} never painted` : ''} ` +
    `| the floor (the same keystrokes and searches over the same bridge, answered on a page of one input and one line of text): ${p50p95(floor.painted)}${floor.missed ? `; ${floor.missed} never painted` : ''} → the app's rendering adds ${ms(p95 - floorP95)} at p95 (${(p95 / floorP95).toFixed(2)}× the floor); the search alone (bridge round trip): app ${p50p95(app.search)}, floor ${p50p95(floor.search)} ` +
    `| ${GOAL} |`;
  console.log(row);
  const cpu = cpus();
  const note = `- Keystroke → paint by \`node bench/keystroke-paint.ts\` (no npm needed: Node 24, /usr/bin/chromium or CHROMIUM_PATH; \`--customers N\`, \`--keys N\`) on ${new Date().toISOString().slice(0, 10)} (${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores; load average at start ${load}): the harness and Chromium on the same machine, each keystroke timed from its keydown to the frame after the table shows that query's rows (${split}).`;
  putLines([
    { prefix: ROW, line: row, after: '| search at 100,000' },
    { prefix: '- Keystroke → paint by ', line: note, after: '## Notes' },
  ]);
  console.log(`\n${note}\nwritten to BENCHMARKS.md`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(join(rendererDir, 'bench-floor.html'), { force: true });
  rmSync(join(rendererDir, 'bench-floor.js'), { force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
