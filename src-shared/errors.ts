import { z } from 'zod';
import { Scope } from './scopes.ts';

export const ERROR_KINDS = [
  'validation',
  'forbidden',
  'auth',
  'not_found',
  'conflict',
  'rate_limited',
  'server',
  'network',
  'protocol',
  'unavailable',
  'internal',
] as const;
export const ErrorKind = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const FieldErrors = z.record(z.string(), z.array(z.string()));
export type FieldErrors = z.infer<typeof FieldErrors>;

/** The one error shape that crosses IPC: never a stack trace. */
export const ErrorShape = z.object({
  kind: ErrorKind,
  message: z.string(),
  fieldErrors: FieldErrors.optional(),
  scope: Scope.optional(),
});
export type ErrorShape = z.infer<typeof ErrorShape>;

/** An error as a value: a kind and a message a merchant can read. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly fieldErrors: FieldErrors | undefined;
  readonly scope: Scope | undefined;

  constructor(
    kind: ErrorKind,
    message: string,
    extra: { fieldErrors?: FieldErrors; scope?: Scope; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.fieldErrors = extra.fieldErrors;
    this.scope = extra.scope;
  }

  toShape(): ErrorShape {
    const shape: ErrorShape = { kind: this.kind, message: this.message };
    if (this.fieldErrors) shape.fieldErrors = this.fieldErrors;
    if (this.scope) shape.scope = this.scope;
    return shape;
  }

  static fromShape(shape: ErrorShape): AppError {
    const extra: { fieldErrors?: FieldErrors; scope?: Scope } = {};
    if (shape.fieldErrors) extra.fieldErrors = shape.fieldErrors;
    if (shape.scope) extra.scope = shape.scope;
    return new AppError(shape.kind, shape.message, extra);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
