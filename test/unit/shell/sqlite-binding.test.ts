import { describe, expect, it } from 'vitest';
import { electronSqliteBinding } from '../../../src-main/shell/app-shell.ts';

describe('Electron-ABI better-sqlite3 binding', () => {
  it('is looked up beside a dev build and unpacked beside the asar archive', () => {
    const seen: string[] = [];
    const exists = (path: string) => {
      seen.push(path);
      return true;
    };
    expect(electronSqliteBinding('/repo/out/main', exists)).toBe(
      '/repo/native/electron/better_sqlite3.node',
    );
    expect(electronSqliteBinding('/opt/App/resources/app.asar/out/main', exists)).toBe(
      '/opt/App/resources/app.asar.unpacked/native/electron/better_sqlite3.node',
    );
  });

  it('is left out when no such build was made, so the N-API prebuild loads', () => {
    expect(electronSqliteBinding('/repo/out/main', () => false)).toBeUndefined();
  });
});
