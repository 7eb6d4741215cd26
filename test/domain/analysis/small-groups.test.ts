import { expect } from 'chai';
import { hideSmallGroups, isSuppressed } from '../../../server/domain/analysis/small-groups.js';

describe('hideSmallGroups', function () {
  it('shows every cell when every group has at least 5', function () {
    expect(hideSmallGroups([5, 30])).to.deep.equal({ everyone: null, groups: [null, null] });
    expect(hideSmallGroups([12, 5, 7, 5])).to.deep.equal({ everyone: null, groups: [null, null, null, null] });
  });

  it('hides a group of 4 and, with it, Everyone, which would give it back by subtraction', function () {
    expect(hideSmallGroups([6, 4])).to.deep.equal({
      everyone: 'reveals-a-small-group',
      groups: [null, 'fewer-than-5'],
    });
    expect(hideSmallGroups([4, 6, 9])).to.deep.equal({
      everyone: 'reveals-a-small-group',
      groups: ['fewer-than-5', null, null],
    });
  });

  it('hides Everyone as a small group of its own when all together are 4', function () {
    expect(hideSmallGroups([1, 3])).to.deep.equal({
      everyone: 'fewer-than-5',
      groups: ['fewer-than-5', 'fewer-than-5'],
    });
  });

  it('hides Everyone when two groups are small even if together they reach 5, so neither is bounded by the other', function () {
    expect(hideSmallGroups([3, 2, 20]).everyone).to.equal('reveals-a-small-group');
  });

  it('treats a group nobody answered in as small: its zero is not shown either', function () {
    expect(hideSmallGroups([0, 8])).to.deep.equal({
      everyone: 'reveals-a-small-group',
      groups: ['fewer-than-5', null],
    });
  });

  it('hides a one-group project whole when it is under 5, and shows it whole at 5', function () {
    expect(hideSmallGroups([4])).to.deep.equal({ everyone: 'fewer-than-5', groups: ['fewer-than-5'] });
    expect(hideSmallGroups([5])).to.deep.equal({ everyone: null, groups: [null] });
  });

  describe('at the threshold of 5, written out here so a changed constant fails', function () {
    it('hides a group of 4 and shows groups of 5 and 6', function () {
      expect([4, 5, 6].map(isSuppressed)).to.deep.equal([true, false, false]);
      expect(hideSmallGroups([4, 10]).groups).to.deep.equal(['fewer-than-5', null]);
      expect(hideSmallGroups([5, 10]).groups).to.deep.equal([null, null]);
      expect(hideSmallGroups([6, 10]).groups).to.deep.equal([null, null]);
    });

    it('hides Everyone when all together are 4, and judges it as a group from 5 up', function () {
      expect(hideSmallGroups([2, 2]).everyone).to.equal('fewer-than-5');
      // Two small groups that together reach 5 or 6: Everyone is no longer small, yet still reveals them.
      expect(hideSmallGroups([2, 3]).everyone).to.equal('reveals-a-small-group');
      expect(hideSmallGroups([3, 3]).everyone).to.equal('reveals-a-small-group');
      expect(hideSmallGroups([5, 5]).everyone).to.equal(null);
    });
  });
});
