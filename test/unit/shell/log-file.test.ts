import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, createLogFileSink } from '../../../src-main/shell/log-file.ts';
import { tempDirsPerTest } from '../temp-dirs.ts';

const freshDir = tempDirsPerTest('rcd-log-');
const tempDir = () => freshDir().dir;

describe('log file sink', () => {
  it('appends lines to main.log, creating the folder', () => {
    const dir = join(tempDir(), 'logs');
    const sink = createLogFileSink({ dir });
    sink('one');
    sink('two');
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe('one\ntwo\n');
  });

  it('rotates by size and keeps at most maxFiles files', () => {
    const dir = tempDir();
    const sink = createLogFileSink({ dir, maxBytes: 100, maxFiles: 3 });
    for (let i = 0; i < 40; i++) sink(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}`);
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    const files = ['main.log', 'main.log.1', 'main.log.2'].map((f) =>
      readFileSync(join(dir, f), 'utf8'),
    );
    for (const text of files) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100);
    expect(files[0]).toContain('line 39');
    // Newest old lines in .1, older in .2; the oldest lines are gone.
    expect(files[1]).toMatch(/line 3[3-6]/);
    expect(files.join('')).not.toContain('line 00');
  });

  it('continues an existing file and counts its size', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.log'), 'x'.repeat(95) + '\n');
    createLogFileSink({ dir, maxBytes: 100 })('next');
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe('next\n');
    expect(readFileSync(join(dir, 'main.log.1'), 'utf8')).toHaveLength(96);
  });

  it('never throws when the folder cannot be written, and says so once', () => {
    const dir = tempDir();
    const blocked = join(dir, 'file');
    writeFileSync(blocked, '');
    const errors: unknown[] = [];
    const sink = createLogFileSink({ dir: join(blocked, 'logs'), onError: (e) => errors.push(e) });
    expect(() => {
      sink('a');
      sink('b');
    }).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});

describe('file logger', () => {
  it('redacts secrets before they reach the file', () => {
    const dir = tempDir();
    const echoed: string[] = [];
    const logger = createFileLogger({
      dir,
      console: (l) => echoed.push(l),
      secrets: () => ['sk_live_plainsecretvalue', 'opaque-store-token-123'],
    });
    logger.error('push failed for tok_1234abcd with opaque-store-token-123', {
      headers: { 'X-Recharge-Access-Token': 'opaque-store-token-123' },
      apiKey: 'abc',
      detail: 'customer cus_ABC123 paid',
    });
    const text = readFileSync(join(dir, 'main.log'), 'utf8');
    for (const secret of ['tok_1234abcd', 'opaque-store-token-123', 'cus_ABC123', '"abc"']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(echoed).toEqual([text.trim()]);
  });
});
