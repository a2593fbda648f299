import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_CSP, openMainWindow } from '../../../src-main/shell/window-options.ts';

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

describe('main window options', () => {
  it('apply the security checklist', () => {
    expect(open().webPreferences).toEqual({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      spellcheck: true,
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

describe('content security policy', () => {
  const directives = Object.fromEntries(
    APP_CSP.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

  it('loads scripts only from the app itself, never eval or inline', () => {
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('names no remote origin and no wildcard', () => {
    expect(APP_CSP).not.toMatch(/https?:|wss?:|\*/);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
  });

  it('relaxes only style-src, for Vuetify theme styles and Vue style bindings', () => {
    const relaxed = Object.entries(directives).filter(([, v]) => v.includes("'unsafe-inline'"));
    expect(relaxed.map(([k]) => k)).toEqual(['style-src']);
  });
});
