import type { ConsentText } from '../domain/records.js';
import { translator } from './participant-messages.js';

/** The built-in consent texts in a language: what participants read wherever the project has set nothing. */
export function builtInConsentText(lang: string, projectName: string): ConsentText {
  const t = translator(lang);
  return {
    controller: t('defaultController', { project: projectName }),
    privacyNotice: t('defaultPrivacyNotice'),
    contact: t('defaultContact'),
    consentText: t('consentBody', { project: projectName }),
  };
}
