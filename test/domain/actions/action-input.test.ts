import { expect } from 'chai';
import { ACTION_NAME_LIMIT, ACTION_TEXT_LIMIT, readAction } from '../../../server/domain/actions/action-input.js';
import type { DomainError } from '../../../server/domain/errors.js';

const CELLS = {
  waves: [
    { index: 1, id: 'w1' },
    { index: 3, id: 'w3' },
  ],
  groups: ['caregiver', 'provider'],
  dimensions: ['trust', 'strain'],
};
const FORM = {
  wave: '3',
  group: 'caregiver',
  dimension: 'trust',
  what: '  Share the minutes\r\nwithin a week  ',
  owner: ' Coordinator ',
  due: '2026-12-31',
  meeting_on: '2026-10-02',
  meeting: 'Partnership meeting',
  status: 'open',
  status_note: '',
};

/** The problems of a refused form, as field → rule. */
function problems(body: Record<string, unknown>, cells: typeof CELLS | null = CELLS): Record<string, string> {
  try {
    if (cells) readAction(body, cells);
    else readAction(body, null);
  } catch (error) {
    expect((error as DomainError).code).to.equal('VALIDATION');
    return Object.fromEntries((error as DomainError).problems.map((p) => [p.where, p.message]));
  }
  return {};
}

describe('actions/action-input', function () {
  it('reads a new action: its cell by wave number, texts trimmed, line ends made \\n', function () {
    expect(readAction(FORM, CELLS)).to.deep.equal({
      cell: { waveId: 'w3', group: 'caregiver', dimension: 'trust' },
      fields: {
        what: 'Share the minutes\nwithin a week',
        owner: 'Coordinator',
        dueOn: '2026-12-31',
        meetingOn: '2026-10-02',
        meeting: 'Partnership meeting',
        status: 'open',
        statusNote: '',
      },
    });
  });

  it('reads a change without a cell, whatever cell fields come with it', function () {
    expect(readAction({ ...FORM, wave: 'nonsense', status: 'dropped' }, null).fields.status).to.equal('dropped');
  });

  it('names every problem at once, by field and rule', function () {
    expect(() => readAction({}, CELLS)).to.throw('the action cannot be saved as it is');
    expect(problems({})).to.deep.equal({
      wave: 'required',
      group: 'required',
      dimension: 'required',
      what: 'required',
      owner: 'required',
      due: 'required',
      meeting_on: 'required',
      status: 'required',
    });
    expect(
      problems({ ...FORM, wave: '2', group: 'all', dimension: 'voice', status: 'paused', due: '31/12/2026' }),
    ).to.deep.equal({
      wave: 'unknown-choice',
      group: 'unknown-choice',
      dimension: 'unknown-choice',
      status: 'unknown-choice',
      due: 'not-a-date',
    });
    expect(problems({ ...FORM, due: '2026-02-30' })).to.deep.equal({ due: 'not-a-date' });
  });

  it('refuses a due date before the meeting, and accepts one on the same day', function () {
    expect(problems({ ...FORM, due: '2026-10-01' })).to.deep.equal({ due: 'due-before-meeting' });
    expect(problems({ ...FORM, due: '2026-10-02' })).to.deep.equal({});
  });

  it('refuses control characters in one-line names, and drops them from texts of several lines', function () {
    expect(problems({ ...FORM, owner: 'Coord\tinator', meeting: 'Meeting\u202e' })).to.deep.equal({
      owner: 'control-characters',
      meeting: 'control-characters',
    });
    expect(readAction({ ...FORM, what: 'Call\u0007 back\tsoon', status_note: 'a\u001bb' }, CELLS).fields).to.include({
      what: 'Call back\tsoon',
      statusNote: 'ab',
    });
  });

  it('takes texts up to their limits and no longer', function () {
    const at = { ...FORM, what: 'x'.repeat(ACTION_TEXT_LIMIT), owner: 'y'.repeat(ACTION_NAME_LIMIT) };
    expect(problems(at)).to.deep.equal({});
    expect(
      problems({ ...at, what: 'x'.repeat(ACTION_TEXT_LIMIT + 1), owner: 'y'.repeat(ACTION_NAME_LIMIT + 1) }),
    ).to.deep.equal({ what: 'too-long', owner: 'too-long' });
    expect(problems({ ...FORM, status_note: 'z'.repeat(ACTION_TEXT_LIMIT + 1) }, null)).to.deep.equal({
      status_note: 'too-long',
    });
  });

  it('treats what is not text (arrays, numbers) as not given', function () {
    expect(problems({ ...FORM, what: ['a', 'b'], wave: 3 })).to.deep.equal({ what: 'required', wave: 'required' });
  });

  it('reads choices, dates and status with the spaces a pasted form leaves around them', function () {
    const read = readAction(
      {
        ...FORM,
        wave: ' 1 ',
        group: ' provider\t',
        dimension: ' strain ',
        due: ' 2026-11-30 ',
        meeting_on: '\t2026-10-02 ',
        meeting: ' Incontro di partenariato, Sondrio ',
        status: ' done ',
      },
      CELLS,
    );
    expect(read.cell).to.deep.equal({ waveId: 'w1', group: 'provider', dimension: 'strain' });
    expect(read.fields).to.include({
      dueOn: '2026-11-30',
      meetingOn: '2026-10-02',
      meeting: 'Incontro di partenariato, Sondrio',
      status: 'done',
    });
  });

  it('lets the meeting name and the status note be left empty', function () {
    const read = readAction({ ...FORM, meeting: '', status_note: '   ' }, CELLS);
    expect(read.fields).to.include({ meeting: '', statusNote: '' });
    expect(readAction({ ...FORM, meeting: undefined }, null)).to.deep.include({ cell: null });
  });

  it('names one problem per field, the first found', function () {
    expect(problems({ ...FORM, owner: `Coord\tinator ${'y'.repeat(ACTION_NAME_LIMIT)}` })).to.deep.equal({
      owner: 'control-characters',
    });
    expect(problems({ ...FORM, meeting: `\u0000${'m'.repeat(ACTION_NAME_LIMIT + 1)}` })).to.deep.equal({
      meeting: 'control-characters',
    });
    expect(problems({ ...FORM, meeting: 'm'.repeat(ACTION_NAME_LIMIT + 1) })).to.deep.equal({ meeting: 'too-long' });
  });

  it('judges the due date against the meeting only when both are dates', function () {
    // "soon" sorts after any date: compared as text it would look like a meeting after the due date.
    expect(problems({ ...FORM, meeting_on: 'soon', due: '2026-10-01' })).to.deep.equal({ meeting_on: 'not-a-date' });
    expect(problems({ ...FORM, meeting_on: '2026-10-02', due: '1 ottobre' })).to.deep.equal({ due: 'not-a-date' });
  });
});
