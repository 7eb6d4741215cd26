import { expect } from 'chai';
import { itemsWideLabels } from '../../server/services/labels-exports.js';
import { spssSyntax } from '../../server/export/labels-spss.js';
import { stataSyntax } from '../../server/export/labels-stata.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('labels for items-wide.csv', function () {
  let services: Services;
  let store: SqliteStore;
  let model: (language?: string) => Promise<ReturnType<typeof itemsWideLabels>>;

  beforeEach(async () => {
    ({ services, store } = testServices());
    const { project } = await seededProject(services);
    model = async (language) => {
      const waves = await store.waves.list(project.id);
      const instruments = [...(await services.projects.instrumentsInUse(project, waves)).values()];
      return itemsWideLabels(project, waves, instruments, language);
    };
  });
  afterEach(() => store.close());

  it('labels every column of items-wide.csv, in file order, in English by default', async function () {
    const labels = await model();
    expect(labels).to.include({ dataFile: 'p4c-items-wide.csv', language: 'en', project: 'p4c' });
    expect(labels.variables.map((v) => v.name).slice(0, 7)).to.deep.equal([
      'participant',
      'group',
      'wave',
      'wave_index',
      'source',
      'submitted_at',
      'trust_1',
    ]);
    expect(labels.variables).to.have.length(6 + 25 + 3);
    expect(labels.variables.find((v) => v.name === 'trust_1')).to.deep.equal({
      name: 'trust_1',
      label: 'I trust the people running the project.',
      kind: 'coded',
      valueSet: 'agree5',
    });
    expect(labels.variables.find((v) => v.name === 'open_1')).to.include({ kind: 'string', long: true });
    expect(labels.variables.find((v) => v.name === 'wave_index')).to.deep.include({
      levels: [
        { value: 1, label: 'Wave 1' },
        { value: 2, label: 'Wave 2' },
      ],
    });
    expect(labels.valueSets).to.deep.equal([
      {
        name: 'agree5',
        values: [
          { value: 1, label: 'Strongly disagree' },
          { value: 2, label: 'Disagree' },
          { value: 3, label: 'Neither agree nor disagree' },
          { value: 4, label: 'Agree' },
          { value: 5, label: 'Strongly agree' },
        ],
        notApplicable: 'Does not apply to me',
      },
    ]);
  });

  it('writes Italian labels with their accents, and refuses a language the questionnaire does not have', async function () {
    const labels = await model('it');
    expect(labels.variables.find((v) => v.name === 'group')).to.deep.include({
      label: 'Gruppo',
      levels: [
        { code: 'caregiver', label: 'Familiari caregiver' },
        { code: 'provider', label: 'Operatori dei servizi' },
      ],
    });
    expect(labels.valueSets[0]!.values[2]!.label).to.equal("Né d'accordo né in disaccordo");
    expect(labels.valueSets[0]!.notApplicable).to.equal('Non mi riguarda');
    const refused = await expectDomainError(model('fr'), 'VALIDATION');
    expect(refused.problems[0]!.where).to.equal('lang');
  });

  it('writes SPSS syntax with VARIABLE LABELS, VALUE LABELS and NA as a user-missing value', async function () {
    const sps = spssSyntax(await model('it'));
    expect(sps).to.include("/FILE='p4c-items-wide.csv'");
    expect(sps).to.include("RECODE r_trust_1 ('NA'=-9) (CONVERT) INTO trust_1.");
    expect(sps).to.match(/VARIABLE LABELS\r\n {2}participant 'Codice partecipante'\r\n/);
    expect(sps).to.include("/trust_1 'Mi fido di chi gestisce il progetto.'");
    expect(sps).to.include("3 'Né d''accordo né in disaccordo'");
    expect(sps).to.include("-9 'Non mi riguarda'");
    expect(sps).to.match(
      /VALUE LABELS\r\n {2}group 'caregiver' 'Familiari caregiver' 'provider' 'Operatori dei servizi'\r\n/,
    );
    expect(sps).to.match(/MISSING VALUES trust_1 trust_2 .* strain_5 \(-9\)\./);
    expect(sps).to.not.match(/MISSING VALUES[^\n]*open_1/);
    // Every command ends with a full stop before the next one starts.
    for (const command of sps.split(/\r\n(?=[A-Z*])/)) expect(command.trimEnd(), command.slice(0, 40)).to.match(/\.$/);
  });

  it('writes Stata syntax with NA as .a, value labels per scale and variable labels of at most 80 characters', async function () {
    const dofile = stataSyntax(await model());
    expect(dofile).to.include('import delimited using "p4c-items-wide.csv", varnames(nonames) rowrange(2)');
    expect(dofile).to.include('replace `v\' = ".a" if `v\' == "NA"');
    expect(dofile).to.match(/destring trust_1 trust_2 .* strain_5, replace/);
    expect(dofile).to.include('.a `"Does not apply to me"\'');
    expect(dofile).to.match(/label values trust_1 .* strain_5 agree5/);
    expect(dofile).to.include('label define group_lbl 1 `"Family caregivers"\' 2 `"Service providers"\', replace');
    for (const line of dofile.split('\r\n').filter((l) => l.startsWith('label variable'))) {
      const label = /`"(.*)"'$/.exec(line)![1]!;
      expect(label.length, line).to.be.at.most(80);
    }
  });
});
