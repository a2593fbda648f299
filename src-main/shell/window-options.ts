import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_SIZE, type WindowPlacement } from './window-state.ts';

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
