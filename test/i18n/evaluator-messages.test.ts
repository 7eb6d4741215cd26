import { expect } from 'chai';
import { evaluatorMessages } from '../../server/i18n/evaluator-messages.js';

describe('i18n/evaluator-messages', function () {
  it('merges every part, with each key given in every language', function () {
    const { en, it } = evaluatorMessages.messages;
    expect(Object.keys(it).sort()).to.deep.equal(Object.keys(en).sort());
    expect(evaluatorMessages.keys).to.include.members([
      'everyone',
      'dashboardHeading',
      'reportHeading',
      'codebookHeading',
    ]);
  });

  it('writes numbers in its messages as each language does', function () {
    const t = evaluatorMessages.translator('it');
    expect(t('progress', { until: '21 settembre 2026', submitted: 12000, invited: 15000 })).to.equal(
      'risposte fino al 21 settembre 2026: finora 12.000 su 15.000',
    );
    expect(
      evaluatorMessages.translator('en')('progress', { until: '21 September 2026', submitted: 12, invited: 15 }),
    ).to.equal('answering until 21 September 2026: 12 of 15 so far');
  });
});
