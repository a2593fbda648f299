// The export's save dialog, as the core asks for it: a suggested name in, a path or null out.
import { join } from 'node:path';
import type { ChooseExportPath } from '../export/export-service.ts';

export interface SaveDialogLike<W> {
  showSaveDialog(
    window: W,
    options: { defaultPath: string; filters: { name: string; extensions: string[] }[] },
  ): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

export function saveDialogChooser<W>(
  dialog: SaveDialogLike<W>,
  window: () => W | null,
  downloadsDir: () => string,
): ChooseExportPath {
  return async (suggestedName) => {
    const owner = window();
    if (!owner) return null;
    const chosen = await dialog.showSaveDialog(owner, {
      defaultPath: join(downloadsDir(), suggestedName),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  };
}
