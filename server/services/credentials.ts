import { randomBytes, randomInt } from 'node:crypto';
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_LENGTH } from '../domain/access-code.js';

/** 192 random bits, URL-safe: well above the 128 bits a personal link needs. */
export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i += 1) code += ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)];
  return code;
}
