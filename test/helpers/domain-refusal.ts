import { DomainError } from '../../server/domain/errors.js';

/** The refusal a call ends in, so a test can read its code, message and fields. */
export function refusal(call: () => unknown): DomainError {
  try {
    call();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the call was accepted');
}
