import { expect } from 'chai';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { seededBrowserSuite, tourParticipantPages } from '../../helpers/browser.js';

type Check = 'reflow' | 'text' | 'targets' | 'focus';

/** What a participant can act on: focusable in the Tab order, and a target to tap. */
const FOCUSABLE = 'a[href], button, input:not([type=hidden]), textarea, select, [tabindex]:not([tabindex="-1"])';

/** In the page: shown to the eye (so not the skip link until focused, nor visually-hidden text), and a short name for messages. */
const IN_PAGE = `
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
    && !el.closest('.visually-hidden, .skip-link') && el.getBoundingClientRect().width > 1;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 30) + '"';
`;

/**
 * Reflow (WCAG 1.4.10): the page does not scroll sideways, and no field, label, button or link
 * reaches outside the viewport or outside a box that clips it.
 */
const REFLOW = `(() => { ${IN_PAGE}
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) problems.push('scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide in ' + width);
  for (const el of document.querySelectorAll('input:not([type=hidden]), textarea, select, button, label, legend, a[href]')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.right > width + 0.5) problems.push(name(el) + ' is clipped: ' + Math.round(r.left) + ' to ' + Math.round(r.right) + ' px of ' + width);
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) problems.push(name(el) + ' is clipped by ' + name(box));
    }
  }
  return problems;
})()`;

/** Body text 19 px or larger: body, every label, legend and hint, every field and button, and every element with text of its own. */
const TEXT = `(() => { ${IN_PAGE}
  const problems = [];
  for (const el of [document.body, ...document.body.querySelectorAll('*')]) {
    if (el !== document.body && !shown(el)) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
    if (!ownText && !el.matches('body, label, legend, .hint, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, select, button')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 19) problems.push(name(el) + ' has ' + size + ' px text');
  }
  return problems;
})()`;

/**
 * Targets at least 44 × 44 CSS px: the label of every radio and checkbox (the area that ticks
 * it, beside the box itself), and every link, button and text field.
 */
const TARGETS = `(() => { ${IN_PAGE}
  const problems = [];
  const small = (el, what) => {
    const r = el.getBoundingClientRect();
    if (r.width < 44 || r.height < 44) problems.push(what + ' is ' + Math.floor(r.width) + ' × ' + Math.floor(r.height) + ' px');
  };
  for (const input of document.querySelectorAll('input[type=radio], input[type=checkbox]')) {
    if (!shown(input)) continue;
    const label = input.labels?.[0];
    if (label) small(label, 'the label of ' + name(input));
    else problems.push(name(input) + ' has no label to tap');
  }
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, select')) {
    if (shown(el)) small(el, name(el));
  }
  return problems;
})()`;

/** Notes each focusable element and how it looks unfocused; Tab then compares. */
const FOCUS_SETUP = `(() => { ${IN_PAGE}
  document.activeElement?.blur();
  const style = (el) => { const s = getComputedStyle(el); return { outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, shadow: s.boxShadow }; };
  const all = [...document.querySelectorAll(${JSON.stringify(FOCUSABLE)})].filter((el) => !el.disabled && (shown(el) || el.matches('.skip-link')));
  globalThis.__focus = { all, rest: all.map(style), style, name };
  return all.length;
})()`;

/**
 * Where Tab has put focus, and whether that is visible: a solid outline of some width, or a box
 * shadow with some length, either not there when the element is not focused; and on screen.
 */
const FOCUSED = `(() => {
  const { all, rest, style, name } = globalThis.__focus;
  const el = document.activeElement;
  const index = all.indexOf(el);
  if (index < 0) return { index, name: el ? el.tagName.toLowerCase() : 'nothing', problem: null };
  const s = getComputedStyle(el);
  const now = style(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && now.outline !== rest[index].outline;
  const shadow = s.boxShadow !== 'none' && /[1-9]/.test(s.boxShadow.replace(/rgba?\\([^)]*\\)/g, '')) && now.shadow !== rest[index].shadow;
  const r = el.getBoundingClientRect();
  const onScreen = r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
  const problem = !(outline || shadow) ? 'shows no focus (outline ' + now.outline + ', box-shadow ' + now.shadow + ')' : !onScreen ? 'is focused off screen' : null;
  return { index, name: name(el), group: el.type === 'radio' ? el.name : null, problem };
})()`;

async function focusProblems(page: Page): Promise<string[]> {
  const count = (await page.evaluate(FOCUS_SETUP)) as number;
  const problems: string[] = [];
  const reached = new Set<number>();
  const groups = new Set<string>();
  for (let presses = 0; presses <= count + 2; presses += 1) {
    await page.keyboard.press('Tab');
    const at = (await page.evaluate(FOCUSED)) as {
      index: number;
      name: string;
      group: string | null;
      problem: string | null;
    };
    if (at.index < 0) {
      if (at.name !== 'body' && at.name !== 'nothing')
        problems.push(`Tab went to ${at.name}, which is not in the Tab order we expect`);
      break;
    }
    if (reached.has(at.index)) break;
    reached.add(at.index);
    if (at.group) groups.add(at.group);
    if (at.problem) problems.push(`${at.name} ${at.problem}`);
  }
  // Tab stops once on each radio group; every other control must be reached.
  const missed = (await page.evaluate(
    `globalThis.__focus.all.map((el, i) => ({ i, name: globalThis.__focus.name(el), group: el.type === 'radio' ? el.name : null }))`,
  )) as { i: number; name: string; group: string | null }[];
  for (const m of missed)
    if (!reached.has(m.i) && !(m.group && groups.has(m.group))) problems.push(`Tab never reaches ${m.name}`);
  return problems;
}

async function problemsOf(page: Page, checks: readonly Check[]): Promise<string[]> {
  const problems: string[] = [];
  for (const check of checks) {
    const found =
      check === 'focus'
        ? await focusProblems(page)
        : ((await page.evaluate(check === 'reflow' ? REFLOW : check === 'text' ? TEXT : TARGETS)) as string[]);
    problems.push(...found.map((p) => `${check}: ${p}`));
  }
  return problems;
}

/**
 * The contract's layout: usable at 320 px wide and at 400% zoom, body text 19 px or larger,
 * targets at least 44 px, focus always visible; measured in Chromium on every participant page
 * (the tour of tourParticipantPages, error pages included).
 */
describe('participant pages in Chromium: reflow, text size, targets, visible focus', function () {
  this.timeout(120000);
  const suite = seededBrowserSuite();

  async function tour(options: BrowserContextOptions, lang: 'en' | 'it', checks: readonly Check[]): Promise<void> {
    const context = await suite.browser.newContext(options);
    const problems: string[] = [];
    const labels = await tourParticipantPages(context, suite.services, suite.url, lang, async (page, label) => {
      problems.push(...(await problemsOf(page, checks)).map((p) => `${lang} ${label}: ${p}`));
    });
    await context.close();
    expect(labels.length).to.be.above(20);
    expect(problems).to.deep.equal([]);
  }

  /** A section page with its form, for the proofs below to break. */
  async function sectionPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await suite.browser.newContext({ bypassCSP: true, ...options });
    const page = await context.newPage();
    const [person] = await suite.services.participants.importCsv(
      await suite.services.projects.bySlug('p4c'),
      `code,group,language\nL-${Date.now()}-${Math.random().toString(36).slice(2, 8)},caregiver,en\n`,
      'test',
    );
    await page.goto(`${suite.url}/s/${person!.token}`);
    await page.check('#consent');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/section\/1$/);
    return page;
  }

  it('at 320 px wide, in English and Italian: no sideways scrolling or clipped controls, 19 px text, 44 px targets, visible focus', async function () {
    await tour({ viewport: { width: 320, height: 640 } }, 'en', ['reflow', 'text', 'targets', 'focus']);
    await tour({ viewport: { width: 320, height: 640 } }, 'it', ['reflow', 'text', 'targets']);
  });

  // WCAG 1.4.10 asks for reflow at 320 CSS px, "equivalent to a starting viewport width of 1280
  // CSS px at 400% zoom". Browser zoom divides the CSS viewport and multiplies devicePixelRatio,
  // so a 1280 × 1024 window at 400% is a 320 × 256 CSS px viewport at 4 device pixels per CSS px:
  // what deviceScaleFactor 4 emulates, media queries and all.
  it('at 400% zoom of a 1280 × 1024 window, in English and Italian: no sideways scrolling or clipped controls', async function () {
    const zoomed = { viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 };
    const probe = await (await suite.browser.newContext(zoomed)).newPage();
    await probe.goto(`${suite.url}/s`);
    expect(
      await probe.evaluate(
        '[innerWidth, devicePixelRatio, matchMedia("(max-width: 400px) and (resolution: 4dppx)").matches]',
      ),
    ).to.deep.equal([320, 4, true]);
    await probe.context().close();
    await tour(zoomed, 'en', ['reflow', 'focus']);
    await tour(zoomed, 'it', ['reflow']);
  });

  it('on a desktop screen: 19 px text, 44 px targets, visible focus', async function () {
    await tour({ viewport: { width: 1280, height: 800 } }, 'en', ['text', 'targets', 'focus']);
  });

  describe('each check can fail', function () {
    it('the target-size check catches small radio labels and buttons', async function () {
      const page = await sectionPage({ viewport: { width: 320, height: 640 } });
      expect(await problemsOf(page, ['targets'])).to.deep.equal([]);
      await page.addStyleTag({
        content:
          '.radio label { padding: 0 !important; } .button { min-height: 0 !important; padding: 0 4px !important; line-height: 1 !important; }',
      });
      const problems = await problemsOf(page, ['targets']);
      expect(problems.some((p) => p.startsWith('targets: the label of input#'))).to.equal(true);
      expect(problems.some((p) => p.startsWith('targets: button.button'))).to.equal(true);
      await page.context().close();
    });

    it('the 320 px check catches sideways scrolling, and a control clipped without it', async function () {
      const page = await sectionPage({ viewport: { width: 320, height: 640 } });
      expect(await problemsOf(page, ['reflow'])).to.deep.equal([]);
      await page.addStyleTag({ content: '.radio label { min-width: 400px; }' });
      const wide = await problemsOf(page, ['reflow']);
      expect(wide.some((p) => p.startsWith('reflow: scrolls sideways'))).to.equal(true);
      expect(wide.some((p) => /^reflow: label "[^"]+" is clipped: /.test(p))).to.equal(true);
      await page.addStyleTag({ content: '.form-group { overflow: hidden; }' });
      const hidden = await problemsOf(page, ['reflow']);
      expect(hidden.some((p) => p.startsWith('reflow: scrolls sideways'))).to.equal(false);
      expect(hidden.some((p) => /^reflow: label "[^"]+" is clipped by div\.form-group/.test(p))).to.equal(true);
      await page.context().close();
    });

    it('the text-size and focus checks catch small hints and hidden focus', async function () {
      const page = await sectionPage();
      expect(await problemsOf(page, ['text', 'focus'])).to.deep.equal([]);
      await page.addStyleTag({
        content: '.caption { font-size: 16px; } *:focus { outline: none !important; box-shadow: none !important; }',
      });
      const problems = await problemsOf(page, ['text', 'focus']);
      expect(problems.some((p) => p.startsWith('text: p.caption') && p.endsWith('has 16 px text'))).to.equal(true);
      expect(problems.some((p) => p.startsWith('focus: button.button') && p.includes('shows no focus'))).to.equal(true);
      expect(problems.some((p) => p.startsWith('focus: input#') && p.includes('shows no focus'))).to.equal(true);
      await page.context().close();
    });
  });
});
