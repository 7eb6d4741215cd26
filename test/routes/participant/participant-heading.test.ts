import { expect } from 'chai';
import { seededBrowserSuite } from '../../helpers/browser.js';

/**
 * The access code page's heading is a label inside an h1. Measured in Chromium on a 360 px
 * phone: the distance between its wrapped lines must be the heading's own line height, not the
 * h1's (38 px × 1.5 = 57 px, as it was).
 */
describe('the access code heading on a phone (Chromium)', function () {
  this.timeout(120000);
  const suite = seededBrowserSuite();

  for (const lang of ['it', 'en'] as const) {
    it(`spaces its lines by at most 1.25 times its font size at 360 px (${lang})`, async function () {
      const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${suite.url}/s?lang=${lang}`);
      // Each line of the heading's text is one client rect of a range over it.
      const measured = (await page.evaluate(`(() => {
        const label = document.querySelector('h1 label');
        const range = document.createRange();
        range.selectNodeContents(label);
        const tops = [...new Set([...range.getClientRects()].map((r) => Math.round(r.top)))].sort((a, b) => a - b);
        return { tops, fontSize: parseFloat(getComputedStyle(label).fontSize), text: label.textContent };
      })()`)) as { tops: number[]; fontSize: number; text: string };
      await context.close();
      const gaps = measured.tops.slice(1).map((top, i) => top - measured.tops[i]!);
      if (lang === 'it') expect(gaps, `"${measured.text}" wraps at 360 px`).to.have.length.of.at.least(1);
      for (const gap of gaps) expect(gap, `line gap in "${measured.text}"`).to.be.at.most(1.25 * measured.fontSize);
    });
  }
});
