import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../lib/logger.ts';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Length = z.number().int().min(1).max(100_000);

/** What is remembered of the main window between runs. */
export const WindowState = z.object({
  x: Coordinate,
  y: Coordinate,
  width: Length,
  height: Length,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Electron's `screen`, injected. */
export interface ScreenLike {
  getAllDisplays(): { workArea: Rect }[];
  getPrimaryDisplay(): { workArea: Rect };
}

export interface WindowPlacement {
  bounds: Rect;
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window: the saved bounds moved and shrunk into the work area of the display
 * they overlap most, or centred on the primary display when they overlap none (a monitor was
 * unplugged) or nothing was saved.
 */
export function placeWindow(saved: WindowState | null, screen: ScreenLike): WindowPlacement {
  const primary = screen.getPrimaryDisplay().workArea;
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false };
  let best: Rect | null = null;
  let bestOverlap = 0;
  for (const { workArea } of screen.getAllDisplays()) {
    const area = overlap(saved, workArea);
    if (area > bestOverlap) {
      best = workArea;
      bestOverlap = area;
    }
  }
  if (!best) return { bounds: centred(saved, primary), maximized: saved.maximized };
  const width = Math.min(saved.width, best.width);
  const height = Math.min(saved.height, best.height);
  const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** The saved state, or null when there is none or it is not valid (never throws). */
export function readWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const parsed = WindowState.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Writes beside the target and renames over it, so a crash never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  const valid = WindowState.parse(state);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(valid, null, 2) + '\n');
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

export interface TrackedWindowLike {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'close', listener: () => void): void;
}

/** Saves the window's normal (unmaximized) bounds and maximized flag when it closes. */
export function rememberWindowState(window: TrackedWindowLike, file: string, logger: Logger): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    const state = {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      maximized: window.isMaximized(),
    };
    try {
      writeWindowState(file, state);
    } catch (error) {
      logger.warn('could not save the window position', { error });
    }
  });
}
