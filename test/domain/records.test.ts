import { expect } from 'chai';
import { ACTION_STATUSES, DEFAULT_GROUPS, PROJECT_ROLES } from '../../server/domain/records.js';

describe('records', function () {
  it('grants three roles in a project: lead, evaluator and data entry', function () {
    expect(PROJECT_ROLES).to.deep.equal(['lead', 'evaluator', 'data-entry']);
  });

  it('gives a project created without groups family caregivers and service providers, labelled in English and Italian', function () {
    expect(DEFAULT_GROUPS).to.deep.equal([
      { id: 'caregiver', label: { en: 'Family caregivers', it: 'Familiari caregiver' } },
      { id: 'provider', label: { en: 'Service providers', it: 'Operatori dei servizi' } },
    ]);
  });

  it('lets an agreed action be open, done or dropped', function () {
    expect(ACTION_STATUSES).to.deep.equal(['open', 'done', 'dropped']);
  });
});
