import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { openMainWindow } from '../../../src-main/shell/window-options.ts';

function open(devTools = false) {
  let captured: BrowserWindowConstructorOptions | null = null;
  class Fake {
    constructor(options: BrowserWindowConstructorOptions) {
      captured = options;
    }
  }
  openMainWindow(Fake, {
    preloadPath: '/x/preload.cjs',
    placement: { bounds: { x: 5, y: 6, width: 1100, height: 700 }, maximized: false },
    devTools,
  });
  return captured! as BrowserWindowConstructorOptions;
}

// Every switch of the checklist, by the value it must have; the test compares the whole object, so
// a preference added or dropped in window-options.ts fails it.
const ENABLED = ['contextIsolation', 'sandbox', 'webSecurity', 'safeDialogs', 'spellcheck'];
const DISABLED = [
  'nodeIntegration',
  'nodeIntegrationInWorker',
  'nodeIntegrationInSubFrames',
  'allowRunningInsecureContent',
  'experimentalFeatures',
  'webviewTag',
  'navigateOnDragDrop',
];

describe('main window options', () => {
  it('apply the security checklist', () => {
    expect(open().webPreferences).toEqual({
      ...Object.fromEntries(ENABLED.map((pref) => [pref, true])),
      ...Object.fromEntries(DISABLED.map((pref) => [pref, false])),
      preload: '/x/preload.cjs',
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('never enable blink features or insecure switches', () => {
    const prefs = open(true).webPreferences as Record<string, unknown>;
    expect(prefs['enableBlinkFeatures']).toBeUndefined();
    expect(prefs['devTools']).toBe(true);
  });

  it('open hidden at the placed bounds with a minimum size', () => {
    expect(open()).toMatchObject({
      x: 5,
      y: 6,
      width: 1100,
      height: 700,
      minWidth: 960,
      minHeight: 600,
      show: false,
    });
  });
});
