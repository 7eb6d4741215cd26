import { expect } from 'chai';
import { receiptReference } from '../../server/domain/receipt-reference.js';

describe('receipt reference', function () {
  it('is the same every time a response is shown, release after release', function () {
    // Worked out by hand from the SHA-256 of "receipt:p-0001:w-2026-1": a participant may quote
    // a reference from an old receipt, so it must never change.
    expect(receiptReference('p-0001', 'w-2026-1')).to.equal('YPW-T6F-QRJ');
    expect(receiptReference('p-0001', 'w-2026-1')).to.equal('YPW-T6F-QRJ');
  });

  it('differs between waves of one participant, and does not read the ids either way round', function () {
    expect(receiptReference('p-0001', 'w-2026-2')).to.equal('Y2J-6WU-JNB');
    expect(receiptReference('w-2026-1', 'p-0001')).to.equal('KCZ-QAP-EKP');
  });

  it("is three groups of three characters from the access codes' alphabet", function () {
    for (const [participant, wave] of [
      ['3f2c9a1e-7b4d-4e8a-9c1f-0a2b3c4d5e6f', 'wave-1'],
      ['anna', 'ondata-2'],
      ['', ''],
    ] as const)
      expect(receiptReference(participant, wave)).to.match(
        /^[2346789ABCDEFGHJKMNPQRTUVWXYZ]{3}(-[2346789ABCDEFGHJKMNPQRTUVWXYZ]{3}){2}$/,
      );
  });
});
