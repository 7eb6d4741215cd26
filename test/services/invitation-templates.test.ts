import { expect } from 'chai';
import { renderMessage } from '../../server/services/invitation-templates.js';

describe('invitation templates', function () {
  const fields = {
    projectName: 'Place4Carers',
    waveLabel: 'Wave 2',
    closesOn: '2026-03-01',
    link: 'https://coassess.example/s/abc',
    accessCode: 'K7M2-9QXP',
  };

  it("writes each message in the participant's language, with the closing date as that language writes it", function () {
    const it = renderMessage('invitation', 'it', fields);
    expect(it.subject).to.equal('Place4Carers: il suo questionario per Wave 2');
    expect(it.text).to.include('Aperto fino al 1 marzo 2026.').and.include('K7M2-9QXP');
    const en = renderMessage('reminder', 'en', fields);
    expect(en.subject).to.equal('Reminder: Place4Carers questionnaire closes on 1 March 2026');
    expect(en.text).to.include('closes on 1 March 2026.');
    expect(renderMessage('reminder', 'it', fields).subject).to.equal(
      'Promemoria: il questionario di Place4Carers chiude il 1 marzo 2026',
    );
  });

  it('falls back to English for a language it has no message in', function () {
    expect(renderMessage('invitation', 'de', fields)).to.deep.equal(renderMessage('invitation', 'en', fields));
    expect(renderMessage('invitation', 'constructor', fields).subject).to.equal(
      'Place4Carers: your questionnaire for Wave 2',
    );
  });
});
