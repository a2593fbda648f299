// Field checks with the API's (marshmallow-style) messages: `{"first_name": ["Shorter than
// minimum length 1."]}`, `{"_schema": ["Invalid input type."]}`. Each body validator in
// validate-*.ts picks its fields from these.
import type { FieldErrors } from './paging.ts';

export const MAX_STRING = 255;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export type Check = (value: unknown) => { value: unknown } | { error: string };
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };
export type WriteMode = 'create' | 'update';

const fail = (error: string) => ({ error });
const pass = (value: unknown) => ({ value });

export function isPlainObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

export function text(options: { nullable: boolean; min?: number }): Check {
  return (value) => {
    if (value === null) return options.nullable ? pass(null) : fail('Field may not be null.');
    if (typeof value !== 'string') return fail('Not a valid string.');
    if (options.min !== undefined && value.trim().length < options.min) {
      return fail(`Shorter than minimum length ${options.min}.`);
    }
    if (value.length > MAX_STRING) return fail(`Longer than maximum length ${MAX_STRING}.`);
    return pass(value);
  };
}

export const nullableText = text({ nullable: true });
export const requiredText = text({ nullable: false, min: 1 });

export const email: Check = (value) => {
  const checked = requiredText(value);
  if ('error' in checked) return checked;
  return EMAIL.test(value as string)
    ? pass((value as string).trim())
    : fail('Not a valid email address.');
};

// The wire carries 0/1/null; booleans are accepted on input and stored as 0/1.
export const marketing: Check = (value) => {
  if (value === null || value === 0 || value === 1) return pass(value);
  if (typeof value === 'boolean') return pass(value ? 1 : 0);
  return fail('Must be one of: 0, 1, null.');
};

export const boolean: Check = (value) =>
  typeof value === 'boolean' ? pass(value) : fail('Not a valid boolean.');

export const nullableBoolean: Check = (value) => (value === null ? pass(null) : boolean(value));

export const count: Check = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? pass(value)
    : fail('Not a valid integer.');

export const id: Check = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0
    ? pass(value)
    : fail('Not a valid integer.');

export const nullableId: Check = (value) => (value === null ? pass(null) : id(value));

export function oneOf(values: readonly string[]): Check {
  return (value) =>
    typeof value === 'string' && values.includes(value)
      ? pass(value)
      : fail(`Must be one of: ${values.join(', ')}.`);
}

export const countryCode: Check = (value) => {
  if (value === null) return pass(null);
  return typeof value === 'string' && /^[A-Za-z]{2}$/.test(value)
    ? pass(value.toUpperCase())
    : fail('Not a valid ISO 3166-1 alpha-2 country code.');
};

export const nameValues: Check = (value) => {
  if (!Array.isArray(value)) return fail('Not a valid list.');
  const ok = value.every(
    (item: unknown) =>
      isPlainObject(item) && typeof item['name'] === 'string' && typeof item['value'] === 'string',
  );
  return ok ? pass(value) : fail('Each item must be an object with string name and value.');
};

export const nullableList: Check = (value) =>
  value === null || Array.isArray(value) ? pass(value) : fail('Not a valid list.');

/**
 * Required fields, then each present field through its check; unknown fields are an error
 * unless `skip` says another part of the validator owns them. Returns the checked values.
 */
export function checkFields(
  body: Record<string, unknown>,
  checks: Readonly<Record<string, Check>>,
  required: readonly string[],
  errors: FieldErrors,
  skip: (field: string) => boolean = () => false,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of required) {
    if (!(field in body)) errors[field] = ['Missing data for required field.'];
  }
  for (const [field, value] of Object.entries(body)) {
    if (skip(field)) continue;
    const check = checks[field];
    if (!check) {
      errors[field] = ['Unknown field.'];
      continue;
    }
    const result = check(value);
    if ('error' in result) errors[field] = [result.error];
    else out[field] = result.value;
  }
  return out;
}

/** An update must change something: an empty body is refused as the API refuses it. */
export function refuseEmptyUpdate(
  body: Record<string, unknown>,
  mode: WriteMode,
  errors: FieldErrors,
): void {
  if (mode === 'update' && Object.keys(body).length === 0) {
    errors['_schema'] = ['At least one field is required.'];
  }
}

export const invalidInput = (): { ok: false; errors: FieldErrors } => ({
  ok: false,
  errors: { _schema: ['Invalid input type.'] },
});

export function finish<T>(errors: FieldErrors, value: T): Validated<T> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** What one body validator decides; validateBody runs the steps every validator shares. */
export interface BodyRules<T> {
  checks: Readonly<Record<string, Check>>;
  required?: readonly string[];
  /** With 'update', an empty body is refused. */
  mode?: WriteMode;
  /** Fields another part of the validator owns (see checkFields). */
  skip?: (field: string) => boolean;
  /** The result from the checked values; may add errors of its own (cross-field rules). */
  build: (values: Record<string, unknown>, body: Record<string, unknown>, errors: FieldErrors) => T;
}

/** An object body through its field checks, then the validator's own rules and result. */
export function validateBody<T>(body: unknown, rules: BodyRules<T>): Validated<T> {
  if (!isPlainObject(body)) return invalidInput();
  const errors: FieldErrors = {};
  const values = checkFields(body, rules.checks, rules.required ?? [], errors, rules.skip);
  const value = rules.build(values, body, errors);
  if (rules.mode) refuseEmptyUpdate(body, rules.mode, errors);
  return finish(errors, value);
}

/** Copies entries under new names (`{billing_city: 'x'}` → `{city: 'x'}`). */
export function renamed(
  values: Record<string, unknown>,
  names: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    const name = names[field];
    if (name !== undefined) out[name] = value;
  }
  return out;
}
