import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_SIZE, type WindowPlacement } from './window-state.ts';

/**
 * `style-src 'unsafe-inline'` is the one relaxation: Vuetify writes its theme as a runtime
 * <style> element and Vue's `:style` bindings set style attributes (see SECURITY.md). Scripts
 * stay 'self' only, without 'unsafe-eval' or 'unsafe-inline', and nothing remote loads.
 */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

export interface MainWindowOptions {
  preloadPath: string;
  placement: WindowPlacement;
  /** Developer tools only while developing. */
  devTools: boolean;
}

/**
 * Opens the main window. The renderer gets no Node, no direct IPC and its own isolated world.
 * The options are one literal beside the constructor so Electronegativity (scripts/
 * security-scan.mjs) can read every web preference in the built bundle.
 */
export function openMainWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  { preloadPath, placement, devTools }: MainWindowOptions,
): W {
  const windowOptions: BrowserWindowConstructorOptions = {
    x: placement.bounds.x,
    y: placement.bounds.y,
    width: placement.bounds.width,
    height: placement.bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'ReCharge Desk',
    backgroundColor: '#f5f5f7',
    webPreferences: {
      preload: preloadPath,
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
      devTools,
      spellcheck: true,
    },
  };
  return new BrowserWindow(windowOptions);
}
