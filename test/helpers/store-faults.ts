/**
 * Faults and counts on one store method, for tests of what a change keeps when a write fails
 * and of how often a page reads. The method is replaced on that repository object, which is the
 * one a transaction hands its function too (SqliteStore passes itself as `tx`).
 */

type AsyncMethod = (...args: never[]) => Promise<unknown>;
type MethodsOf<T> = { [K in keyof T]: T[K] extends AsyncMethod ? K : never }[keyof T];

/** Makes the `call`-th call of the method (1 = the next) throw `error`; the calls before and after it go through. */
export function failCall<T extends object, K extends MethodsOf<T>>(target: T, method: K, error: Error, call = 1): void {
  const original = (target[method] as AsyncMethod).bind(target);
  let calls = 0;
  (target as Record<K, unknown>)[method] = (async (...args: never[]) => {
    calls += 1;
    if (calls === call) throw error;
    return original(...args);
  }) as T[K];
}

/** Counts the calls of the method from now on; read `count()` after the code under test ran. */
export function countCalls<T extends object, K extends MethodsOf<T>>(
  target: T,
  method: K,
): { count: () => number; reset: () => void } {
  const original = (target[method] as AsyncMethod).bind(target);
  let calls = 0;
  (target as Record<K, unknown>)[method] = ((...args: never[]) => {
    calls += 1;
    return original(...args);
  }) as T[K];
  return { count: () => calls, reset: () => (calls = 0) };
}

/** What the promise rejected with; fails the test if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
