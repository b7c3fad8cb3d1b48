import type { AppError, AppErrorCode } from './errors.ts';
import { appError } from './errors.ts';

/** Every service call and every IPC response is a Result: failures are values, not throws. */
export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail(code: AppErrorCode, extra: Omit<AppError, 'code'> = {}): { readonly ok: false; readonly error: AppError } {
  return { ok: false, error: appError(code, extra) };
}

export function failWith(error: AppError): { readonly ok: false; readonly error: AppError } {
  return { ok: false, error };
}
