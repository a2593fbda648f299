import { AppError } from '../../src-shared/errors.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass<E> = new (...args: any[]) => E;

/**
 * The AppError (or the given subclass) a call fails with; any other outcome, success or another
 * error, fails the test.
 */
export async function appErrorOf(run: Promise<unknown> | (() => unknown)): Promise<AppError>;
export async function appErrorOf<E extends AppError>(
  run: Promise<unknown> | (() => unknown),
  kind: ErrorClass<E>,
): Promise<E>;
export async function appErrorOf(
  run: Promise<unknown> | (() => unknown),
  kind: ErrorClass<AppError> = AppError,
): Promise<AppError> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (error) {
    if (error instanceof kind) return error;
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
