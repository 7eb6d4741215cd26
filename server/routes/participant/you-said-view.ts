import { paragraphsOf } from '../../domain/wave-summary.js';
import { formatDate } from '../../i18n/participant-messages.js';
import type { ShownSummary } from '../../services/wave-summary-service.js';

/** What views/participant/partials/you-said-we-did.ejs prints: text as paragraphs of lines, printed escaped. */
export interface YouSaidView {
  /** The language the texts are in, for their `lang` attribute. */
  lang: string;
  waveLabel: string;
  publishedOn: string;
  /** The texts' language named in the page's language, when it is not the page's; else null. */
  onlyIn: string | null;
  heard: string[][];
  doing: string[][];
}

/**
 * A shown summary for a page in `pageLang`: the participant's pages, the lead's preview of
 * them and the paper pack's cover letter all print it through this, so they say the same.
 */
export function youSaidView(shown: ShownSummary | null, pageLang: string): YouSaidView | null {
  if (!shown) return null;
  return {
    lang: shown.language,
    waveLabel: shown.wave.label,
    publishedOn: formatDate(shown.publishedAt, pageLang),
    onlyIn:
      shown.language === pageLang
        ? null
        : (new Intl.DisplayNames([pageLang], { type: 'language' }).of(shown.language) ?? shown.language),
    heard: paragraphsOf(shown.heard),
    doing: paragraphsOf(shown.doing),
  };
}
