// Coded errors on the extension's side of every boundary (ports, native messaging, storage), from the
// one list in shared/wire/error.hpp (extension/src/generated/error-codes.ts).
import { ErrorCode, errorMeaning, type ErrorCodeName } from '../generated/error-codes';
import type { CodedError } from '../common/messages';

export class JobLensError extends Error {
  readonly code: number;
  readonly codeName: string;
  constructor(error: CodedError) {
    super(error.message);
    this.code = error.code;
    this.codeName = error.name;
  }
  toJSON(): CodedError { return { code: this.code, name: this.codeName, message: this.message }; }
}

export function codedError(name: ErrorCodeName, message?: string): JobLensError {
  const code = ErrorCode[name];
  return new JobLensError({ code, name, message: message ?? errorMeaning[code] ?? name });
}

// Anything thrown, as the CodedError a reply carries. The WASM loader throws its own JobLensError
// class with the same fields.
export function toCodedError(e: unknown): CodedError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const o = e as { code: number; codeName?: string; name?: string; message: string };
    return { code: o.code, name: o.codeName ?? o.name ?? 'internal', message: o.message };
  }
  return { code: ErrorCode.internal, name: 'internal', message: e instanceof Error ? e.message : String(e) };
}
