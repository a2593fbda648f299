import type { MenuItemConstructorOptions } from 'electron';
import { API_DOCS_URL, HELP_CENTER_URL } from './open-external.ts';

import { APP_COMMANDS, type AppCommand } from '../../src-shared/ipc/channels/app.ts';

/** The app's own menu commands (defined in the contract); the renderer acts on them. */
export { APP_COMMANDS, type AppCommand };

export const COMMAND_SHORTCUTS: Record<AppCommand, string> = {
  'find-customer': 'CmdOrCtrl+K',
  'sync-now': 'CmdOrCtrl+Shift+S',
  'show-outbox': 'CmdOrCtrl+Shift+O',
  'open-settings': 'CmdOrCtrl+,',
};

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and developer tools only while developing. */
  development: boolean;
  onCommand: (command: AppCommand) => void;
  openExternal: (url: string) => unknown;
}

/** The application menu: platform roles plus the app's commands with their shortcuts. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (id: AppCommand, label: string): MenuItemConstructorOptions => ({
    id,
    label,
    accelerator: COMMAND_SHORTCUTS[id],
    click: () => options.onCommand(id),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      sep,
      command('open-settings', 'Settings…'),
      sep,
      { role: 'services' },
      sep,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('find-customer', 'Find Customer…'),
      command('sync-now', 'Sync Now'),
      ...(mac ? [] : [sep, command('open-settings', 'Settings…')]),
      sep,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      sep,
      { role: 'selectAll' },
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('show-outbox', 'Pending Edits'),
      sep,
      ...(options.development
        ? [
            { role: 'reload' } as const,
            { role: 'forceReload' } as const,
            { role: 'toggleDevTools' } as const,
            sep,
          ]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    role: 'windowMenu',
    submenu: [
      { role: 'minimize' },
      { role: 'zoom' },
      ...(mac ? [sep, { role: 'front' } as const] : [{ role: 'close' } as const]),
    ],
  };
  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'ReCharge API Documentation', click: () => options.openExternal(API_DOCS_URL) },
      { label: 'ReCharge Help Center', click: () => options.openExternal(HELP_CENTER_URL) },
      ...(mac ? [] : [sep, { role: 'about' } as const]),
    ],
  };
  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
