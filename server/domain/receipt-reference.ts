import { createHash } from 'node:crypto';
import { ACCESS_CODE_ALPHABET } from './access-code.js';

/**
 * The short reference a receipt shows, for a participant to quote on the phone: the same for a
 * response every time it is shown, made only of characters that cannot be misheard or misread
 * (no 0/O, 1/I/L, 5/S: the access codes' alphabet), and shaped unlike an access code (three
 * groups of three, "7KM-29Q-XPA", against "K7M2-9QXP") so one is not read out for the other.
 * It is a one-way digest of the response's participant and wave ids, which are random: it gives
 * away neither them nor the participant's code. 29⁹ ≈ 1.5 × 10¹³ values.
 */
export function receiptReference(participantId: string, waveId: string): string {
  const digest = createHash('sha256').update(`receipt:${participantId}:${waveId}`).digest();
  let value = digest.readBigUInt64BE(0);
  const base = BigInt(ACCESS_CODE_ALPHABET.length);
  let chars = '';
  for (let i = 0; i < 9; i += 1) {
    chars += ACCESS_CODE_ALPHABET[Number(value % base)];
    value /= base;
  }
  return `${chars.slice(0, 3)}-${chars.slice(3, 6)}-${chars.slice(6)}`;
}
