// The export's save dialog, as the core asks for it: a suggested name in, a path or null out.
import { join } from 'node:path';
import type { ChooseExportPath } from '../export/export-service.ts';

export interface SaveDialogLike {
  showSaveDialog(options: {
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

/** Asks only while the app has a window (none: the export is treated as cancelled). */
export function saveDialogChooser(
  dialog: SaveDialogLike,
  hasWindow: () => boolean,
  downloadsDir: () => string,
): ChooseExportPath {
  return async (suggestedName) => {
    if (!hasWindow()) return null;
    const chosen = await dialog.showSaveDialog({
      defaultPath: join(downloadsDir(), suggestedName),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  };
}
