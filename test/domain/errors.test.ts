import { expect } from 'chai';
import { DomainError, ERROR_CODES, isDomainError, markRolledBack, wasRolledBack } from '../../server/domain/errors.js';

describe('domain errors', function () {
  it('maps every failure to the HTTP status a page or client is answered with', function () {
    expect(ERROR_CODES).to.deep.equal({
      NOT_FOUND: 404,
      UNAUTHENTICATED: 401,
      LOGIN_FAILED: 401,
      FORBIDDEN: 403,
      ACCOUNT_DISABLED: 403,
      RATE_LIMITED: 429,
      PROJECT_NOT_FOUND: 404,
      PARTICIPANT_NOT_FOUND: 404,
      WAVE_NOT_FOUND: 404,
      INSTRUMENT_NOT_FOUND: 404,
      USER_NOT_FOUND: 404,
      PARTICIPANT_WITHDRAWN: 410,
      DUPLICATE: 409,
      WAVE_OVERLAP: 409,
      ALREADY_SUBMITTED: 409,
      WAVE_CLOSED: 409,
      RESPONSE_NOT_SUBMITTED: 409,
      SAME_KEYING_ACCOUNT: 409,
      ALREADY_KEYED_TWICE: 409,
      NOT_AWAITING_RECONCILIATION: 409,
      RECONCILER_KEYED_ENTRY: 403,
      INSTRUMENT_CHANGED: 409,
      NOT_PUBLISHED: 409,
      SUMMARY_HAS_NUMBERS: 400,
      BASE_URL_NOT_SET: 409,
      VALIDATION: 400,
      UNKNOWN_TIME_ZONE: 400,
      IMPORT_REJECTED: 400,
      INSTRUMENT_INVALID: 400,
      CONFIG_INVALID: 500,
      STORE_UNAVAILABLE: 503,
    });
  });

  describe('DomainError', function () {
    it('carries its code, message and the fields it refused', function () {
      const problems = [{ where: 'line 4', message: 'is not an email address' }];
      const error = new DomainError('IMPORT_REJECTED', 'the file has problems', problems);
      expect(error).to.be.instanceOf(Error);
      expect(error.name).to.equal('DomainError');
      expect(error.code).to.equal('IMPORT_REJECTED');
      expect(error.message).to.equal('the file has problems');
      expect(error.problems).to.deep.equal([{ where: 'line 4', message: 'is not an email address' }]);
    });

    it('has no field problems when none are given', function () {
      expect(new DomainError('WAVE_CLOSED', 'the wave closed on 21 March').problems).to.deep.equal([]);
    });

    it('is told apart from other errors', function () {
      expect(isDomainError(new DomainError('NOT_FOUND', 'no such page'))).to.equal(true);
      expect(isDomainError(new Error('socket hang up'))).to.equal(false);
      expect(isDomainError({ code: 'NOT_FOUND', message: 'looks like one' })).to.equal(false);
      expect(isDomainError(undefined)).to.equal(false);
    });
  });

  describe('rolled-back errors', function () {
    it('remembers an error whose transaction was undone, and no other', function () {
      const undone = new DomainError('DUPLICATE', 'that email is already used');
      const other = new DomainError('DUPLICATE', 'that email is already used');
      markRolledBack(undone);
      expect(wasRolledBack(undone)).to.equal(true);
      expect(wasRolledBack(other)).to.equal(false);
    });

    it('ignores values that are not objects rather than failing while reporting an error', function () {
      for (const thrown of ['a string', 42, null, undefined]) {
        expect(() => markRolledBack(thrown)).not.to.throw();
        expect(wasRolledBack(thrown)).to.equal(false);
      }
    });
  });
});
