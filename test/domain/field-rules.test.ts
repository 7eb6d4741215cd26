import { expect } from 'chai';
import { answerProblem, fieldProblem, FIELD_RULES } from '../../server/domain/field-rules.js';
import { CONTROL_CHARACTER_MESSAGE } from '../../server/domain/control-characters.js';
import { staffMessages } from '../../server/i18n/staff-messages.js';

describe('field rules (ADR 0116)', function () {
  it('give a problem the rule’s English, filled in, and the rule with its values for a page', function () {
    expect(fieldProblem('name', 'rule.length', { min: 1, max: 200 })).to.deep.equal({
      where: 'name',
      message: 'must be 1 to 200 characters',
      text: { key: 'rule.length', params: { min: '1', max: '200' } },
    });
    expect(fieldProblem('opens', 'rule.date', { typed: '2026-02-30' }).message).to.equal(
      '"2026-02-30" is not a date in the form YYYY-MM-DD',
    );
    expect(fieldProblem('name', 'rule.controlCharacters')).to.deep.equal({
      where: 'name',
      message: CONTROL_CHARACTER_MESSAGE,
      text: { key: 'rule.controlCharacters' },
    });
  });

  it('leave a rule’s placeholders as written when the caller gave no values', function () {
    expect(fieldProblem('name', 'rule.length')).to.deep.equal({
      where: 'name',
      message: 'must be {min} to {max} characters',
      text: { key: 'rule.length' },
    });
    expect(fieldProblem('label', 'rule.groupLabel', { id: 'caregiver' }).message).to.equal(
      'the group "caregiver" needs a label of 1 to 100 characters in "{language}"',
    );
  });

  it('name an answer’s problem by the parser’s reason', function () {
    expect(answerProblem('trust_1', 'out_of_scale').text).to.deep.equal({ key: 'rule.answerOutOfScale' });
    expect(answerProblem('trust_2', 'not_applicable_not_offered').text).to.deep.equal({
      key: 'rule.answerNoNotApplicable',
    });
    expect(answerProblem('open_1', 'too_long')).to.deep.equal({
      where: 'open_1',
      message: 'This answer is longer than 5000 characters.',
      text: { key: 'rule.answerTooLong', params: { max: '5000' } },
    });
  });

  it('are worded in Italian by the staff catalogue, the values kept as typed', function () {
    const italian = staffMessages.translator('it');
    for (const rule of Object.keys(FIELD_RULES) as (keyof typeof FIELD_RULES)[])
      expect(italian(rule), rule).to.not.equal(FIELD_RULES[rule]);
    const { text } = fieldProblem('opens', 'rule.date', { typed: '20260301' });
    expect(italian(text!.key as 'rule.date', text!.params)).to.equal(
      '"20260301" non è una data nella forma AAAA-MM-GG',
    );
  });
});
