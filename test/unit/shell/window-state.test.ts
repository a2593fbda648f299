import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/lib/logger.ts';
import {
  placeWindow,
  readWindowState,
  rememberWindowState,
  writeWindowState,
  type Rect,
} from '../../../src-main/shell/window-state.ts';
import { tempDirsPerTest } from '../temp-dirs.ts';

const freshDir = tempDirsPerTest('rcd-ws-');
const tempDir = () => freshDir().dir;

const screenOf = (...areas: Rect[]) => ({
  getAllDisplays: () => areas.map((workArea) => ({ workArea })),
  getPrimaryDisplay: () => ({ workArea: areas[0]! }),
});
const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: -200, width: 2560, height: 1415 };

describe('window placement', () => {
  it('centres the default size on the primary display the first time', () => {
    expect(placeWindow(null, screenOf(laptop))).toEqual({
      bounds: { x: 80, y: 38, width: 1280, height: 800 },
      maximized: false,
    });
  });

  it('keeps saved bounds that lie on a display', () => {
    const saved = { x: 1600, y: 0, width: 1200, height: 900, maximized: true };
    expect(placeWindow(saved, screenOf(laptop, external))).toEqual({
      bounds: { x: 1600, y: 0, width: 1200, height: 900 },
      maximized: true,
    });
  });

  it('recentres on the primary display when the saved display is gone', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 900, maximized: false };
    const centred = { x: 120, y: 0, width: 1200, height: 875 };
    expect(placeWindow(saved, screenOf(laptop)).bounds).toEqual(centred);
  });

  it('pulls a window hanging off the edge back inside and shrinks one too big', () => {
    const partly = { x: 1300, y: 700, width: 1000, height: 700, maximized: false };
    const inside = { x: 440, y: 175, width: 1000, height: 700 };
    expect(placeWindow(partly, screenOf(laptop)).bounds).toEqual(inside);
    const huge = { x: -50, y: -50, width: 5000, height: 4000, maximized: false };
    expect(placeWindow(huge, screenOf(laptop)).bounds).toEqual(laptop);
  });
});

describe('window state file', () => {
  it('round-trips through an atomic write and leaves no temp file', () => {
    const dir = tempDir();
    const file = join(dir, 'nested', 'window-state.json');
    const state = { x: 10, y: 20, width: 1100, height: 700, maximized: false };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json']);
  });

  it.each([
    ['missing', null],
    ['not json', '{"x":'],
    ['wrong types', '{"x":"10","y":0,"width":800,"height":600,"maximized":false}'],
    ['absurd size', '{"x":0,"y":0,"width":1e9,"height":600,"maximized":false}'],
    ['fractional', '{"x":0.5,"y":0,"width":800,"height":600,"maximized":false}'],
    ['no flag', '{"x":0,"y":0,"width":800,"height":600}'],
  ])('treats a %s file as no state', (_name, content) => {
    const file = join(tempDir(), 'window-state.json');
    if (content !== null) writeFileSync(file, content);
    expect(readWindowState(file)).toBeNull();
  });

  it('refuses to write an invalid state', () => {
    const file = join(tempDir(), 'window-state.json');
    expect(() =>
      writeWindowState(file, { x: 0, y: 0, width: -1, height: 10, maximized: false }),
    ).toThrow();
  });

  it('saves the normal bounds when the window closes', () => {
    const file = join(tempDir(), 'window-state.json');
    let onClose = () => {};
    rememberWindowState(
      {
        getNormalBounds: () => ({ x: 10.4, y: 20, width: 1000, height: 700.6 }),
        isMaximized: () => true,
        on: (_e, l) => (onClose = l),
      },
      file,
      silentLogger,
    );
    onClose();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 701,
      maximized: true,
    });
  });
});
