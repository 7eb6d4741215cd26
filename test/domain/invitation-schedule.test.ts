import { expect } from 'chai';
import { messageDue } from '../../server/domain/invitation-schedule.js';

const wave = { label: 'Ondata 2', opensOn: '2026-06-01', closesOn: '2026-06-21' };
const notYet = { invited: false, reminded: false };
const invited = { invited: true, reminded: false };

describe('invitation schedule', function () {
  it('invites nobody before the wave opens or after it closes', function () {
    expect(messageDue(wave, '2026-05-31', 3, notYet)).to.equal(null);
    expect(messageDue(wave, '2026-06-22', 3, notYet)).to.equal(null);
    expect(messageDue(wave, '2026-06-22', 3, invited)).to.equal(null);
  });

  it('invites on the opening day and on the closing day someone never invited', function () {
    expect(messageDue(wave, '2026-06-01', 3, notYet)).to.equal('invitation');
    expect(messageDue(wave, '2026-06-21', 3, notYet)).to.equal('invitation');
  });

  it('reminds from 7 days before closing, not the day before that', function () {
    expect(messageDue(wave, '2026-06-13', 7, invited)).to.equal(null);
    expect(messageDue(wave, '2026-06-14', 7, invited)).to.equal('reminder');
    expect(messageDue(wave, '2026-06-15', 7, invited)).to.equal('reminder');
  });

  it('reminds on the closing day itself when reminders go out 1 day before', function () {
    expect(messageDue(wave, '2026-06-19', 1, invited)).to.equal(null);
    expect(messageDue(wave, '2026-06-20', 1, invited)).to.equal('reminder');
    expect(messageDue(wave, '2026-06-21', 1, invited)).to.equal('reminder');
  });

  it('never reminds when the project set 0 days, not even on the closing day', function () {
    expect(messageDue(wave, '2026-06-20', 0, invited)).to.equal(null);
    expect(messageDue(wave, '2026-06-21', 0, invited)).to.equal(null);
  });

  it('reminds someone once only', function () {
    expect(messageDue(wave, '2026-06-20', 3, { invited: true, reminded: true })).to.equal(null);
  });
});
