import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type AppCommand } from '../../../src-main/shell/menu.ts';

function build(platform: NodeJS.Platform, development = false) {
  const commands: AppCommand[] = [];
  const opened: string[] = [];
  const template = buildMenuTemplate({
    platform,
    appName: 'ReCharge Desk',
    development,
    onCommand: (c) => commands.push(c),
    openExternal: (u) => opened.push(u),
  });
  return { template, commands, opened };
}

const items = (menu: MenuItemConstructorOptions | undefined) =>
  (menu?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (menu: MenuItemConstructorOptions | undefined) =>
  items(menu)
    .map((i) => i.role)
    .filter(Boolean);
const all = (template: MenuItemConstructorOptions[]) => template.flatMap(items);

describe('application menu', () => {
  it('has the app menu first on macOS, then File/Edit/View/Window/Help', () => {
    const { template } = build('darwin');
    expect(template.map((m) => m.label)).toEqual([
      'ReCharge Desk',
      '&File',
      '&Edit',
      '&View',
      '&Window',
      '&Help',
    ]);
    expect(roles(template[0])).toEqual([
      'about',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    expect(roles(template[1])).toEqual(['close']);
    expect(roles(template[2])).toContain('pasteAndMatchStyle');
    expect(roles(template[4])).toContain('front');
  });

  it('has no app menu on Windows and Linux; Quit lives in File', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { template } = build(platform);
      expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
      expect(roles(template[0])).toEqual(['quit']);
      expect(roles(template[1])).toEqual([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'delete',
        'selectAll',
      ]);
      expect(template.at(-1)!.role).toBe('help');
    }
  });

  it('binds the app shortcuts to commands sent through onCommand', () => {
    const { template, commands } = build('linux');
    const shortcuts = Object.fromEntries(
      all(template)
        .filter((i) => i.id)
        .map((i) => [i.id, i.accelerator]),
    );
    expect(shortcuts).toEqual({
      'find-customer': 'CmdOrCtrl+K',
      'sync-now': 'CmdOrCtrl+Shift+S',
      'show-outbox': 'CmdOrCtrl+Shift+O',
      'open-settings': 'CmdOrCtrl+,',
    });
    for (const item of all(template).filter((i) => i.id)) (item.click as () => void)();
    expect(commands.sort()).toEqual(['find-customer', 'open-settings', 'show-outbox', 'sync-now']);
  });

  it('no accelerator is bound twice', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const accelerators = all(build(platform, true).template)
        .map((i) => i.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('offers reload and devtools only in development', () => {
    expect(roles(build('linux', false).template[2])).not.toContain('toggleDevTools');
    expect(roles(build('linux', false).template[2])).not.toContain('reload');
    expect(roles(build('linux', true).template[2])).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('opens help links through the guarded openExternal', () => {
    const { template, opened } = build('linux');
    for (const item of items(template.at(-1)).filter((i) => i.click)) {
      (item.click as () => void)();
    }
    expect(opened).toEqual([
      'https://developer.rechargepayments.com/2021-11/customers',
      'https://support.rechargepayments.com/',
    ]);
  });
});
