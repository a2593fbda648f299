import { describe, expect, it } from 'vitest';
import { saveDialogChooser, type SaveDialogLike } from '../../../src-main/shell/save-dialog.ts';

function dialog(answer: { canceled: boolean; filePath?: string }) {
  const asked: Parameters<SaveDialogLike['showSaveDialog']>[0][] = [];
  const fake: SaveDialogLike = {
    showSaveDialog: async (options) => {
      asked.push(options);
      return answer;
    },
  };
  return { fake, asked };
}

describe('the export save dialog', () => {
  it('suggests the name in Downloads, CSV only, and answers with the chosen path', async () => {
    const { fake, asked } = dialog({ canceled: false, filePath: '/home/ada/out.csv' });
    const choose = saveDialogChooser(
      fake,
      () => true,
      () => '/home/ada/Downloads',
    );
    expect(await choose('customers-2024-05-01-1530.csv')).toBe('/home/ada/out.csv');
    expect(asked).toEqual([
      {
        defaultPath: '/home/ada/Downloads/customers-2024-05-01-1530.csv',
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      },
    ]);
  });

  it('answers null when the dialog is cancelled, or when there is no window to ask from', async () => {
    const cancelled = dialog({ canceled: true });
    expect(
      await saveDialogChooser(
        cancelled.fake,
        () => true,
        () => '/d',
      )('a.csv'),
    ).toBeNull();
    const windowless = dialog({ canceled: false, filePath: '/x.csv' });
    expect(
      await saveDialogChooser(
        windowless.fake,
        () => false,
        () => '/d',
      )('a.csv'),
    ).toBeNull();
    expect(windowless.asked).toEqual([]);
  });
});
