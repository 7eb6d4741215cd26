import { expect } from 'chai';
import { admits } from '../../server/http/require-role.js';
import type { StaffUser } from '../../server/domain/records.js';

describe('route guards', function () {
  const staff = { isAdmin: false } as StaffUser;
  const admin = { isAdmin: true } as StaffUser;

  it('let anyone signed in open a staff page, and only administrators an admin page', function () {
    expect([
      admits('staff', staff),
      admits('staff', admin),
      admits('admin', staff),
      admits('admin', admin),
    ]).to.deep.equal([true, true, false, true]);
  });

  it("let into a project's page the roles it names, and administrators, but no one without a role in it", function () {
    expect([
      admits(['lead', 'data-entry'], staff, 'lead'),
      admits(['lead', 'data-entry'], staff, 'data-entry'),
    ]).to.deep.equal([true, true]);
    expect([admits(['lead', 'data-entry'], staff, 'evaluator'), admits(['lead'], staff)]).to.deep.equal([false, false]);
    expect(admits(['lead'], admin, 'admin')).to.equal(true);
  });
});
