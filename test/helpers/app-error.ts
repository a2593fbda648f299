import { AppError } from '../../src-shared/errors.ts';

/** The AppError a call fails with; any other outcome (success or a plain Error) fails the test. */
export async function appErrorOf(run: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}

/** The same for a synchronous call. */
export function appErrorOfSync(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}
