import type { FieldProblem } from './errors.js';
import { checkId, checkText, Collector, isObject, type Json } from './instrument-checks.js';
import { ITEM_TYPE_NAMES, itemTypeNamed, itemTypeOf, type Item } from './item-types/registry.js';

// Items are the registry's: each type's fields are in its own module.
export type { Item } from './item-types/registry.js';

/** Text in each of the instrument's languages, keyed by language code. */
export type LocalizedText = Record<string, string>;

export interface Scale {
  min: number;
  max: number;
  labels: Record<string, string[]>;
  notApplicable?: LocalizedText;
}

interface Dimension {
  id: string;
  label: LocalizedText;
}

export interface Section {
  id: string;
  title: LocalizedText;
  items: Item[];
}

export interface Instrument {
  id: string;
  /** Always a string here; files may write it as a number. */
  version: string;
  languages: string[];
  title: LocalizedText;
  scales: Record<string, Scale>;
  dimensions: Dimension[];
  sections: Section[];
}

type ValidationResult = { ok: true; instrument: Instrument } | { ok: false; problems: FieldProblem[] };

const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

function checkScales(value: Json, languages: string[], c: Collector): Record<string, Scale> {
  if (!isObject(value) || Object.keys(value).length === 0) {
    c.add('$.scales', 'must be an object with at least one scale');
    return {};
  }
  for (const [scaleId, scale] of Object.entries(value)) {
    const path = `$.scales.${scaleId}`;
    checkId(scaleId, path, c);
    if (!isObject(scale)) {
      c.add(path, 'must be an object with min, max and labels');
      continue;
    }
    const { min, max } = scale;
    if (!Number.isInteger(min)) c.add(`${path}.min`, 'must be a whole number');
    if (!Number.isInteger(max)) c.add(`${path}.max`, 'must be a whole number');
    const points = Number.isInteger(min) && Number.isInteger(max) ? (max as number) - (min as number) + 1 : 0;
    if (Number.isInteger(min) && Number.isInteger(max) && points < 2) c.add(`${path}.max`, 'must be greater than min');
    if (!isObject(scale.labels)) {
      c.add(`${path}.labels`, 'must give, for each language, one label per scale point');
    } else {
      for (const lang of languages) {
        const labels = scale.labels[lang];
        if (!Array.isArray(labels)) {
          c.add(`${path}.labels.${lang}`, 'is missing: give one label per scale point');
        } else if (points >= 2 && labels.length !== points) {
          c.add(`${path}.labels.${lang}`, `has ${labels.length} labels but the scale has ${points} points`);
        } else {
          labels.forEach((label, i) => {
            if (typeof label !== 'string' || label.trim() === '')
              c.add(`${path}.labels.${lang}[${i}]`, 'is missing or empty');
          });
        }
      }
    }
    if (scale.notApplicable !== undefined) checkText(scale.notApplicable, `${path}.notApplicable`, languages, c);
  }
  return value as unknown as Record<string, Scale>;
}

/** The registered item types, as an author would write one: `"a", "b" or "c"`. */
const TYPE_CHOICES = ITEM_TYPE_NAMES.map((name) => `"${name}"`)
  .join(', ')
  .replace(/, ([^,]*)$/, ' or $1');

/** Checks one item; returns the dimension it counts toward, if it names one. */
function checkItem(
  item: Json,
  path: string,
  ctx: { languages: string[]; scales: Record<string, Json>; dimensions: Set<string>; seen: Set<string> },
  c: Collector,
): string | undefined {
  if (!isObject(item)) {
    c.add(path, 'must be an object');
    return undefined;
  }
  if (checkId(item.id, `${path}.id`, c)) {
    if (ctx.seen.has(item.id)) c.add(`${path}.id`, `"${item.id}" is used by another item`);
    ctx.seen.add(item.id);
  }
  checkText(item.text, `${path}.text`, ctx.languages, c);
  if (item.groups !== undefined) {
    if (!Array.isArray(item.groups) || item.groups.length === 0) {
      c.add(`${path}.groups`, 'must be a non-empty list of group ids');
    } else {
      item.groups.forEach((g, i) => checkId(g, `${path}.groups[${i}]`, c));
    }
  }
  const type = itemTypeNamed(item.type);
  if (!type) {
    c.add(`${path}.type`, `must be ${TYPE_CHOICES}`);
    return undefined;
  }
  return type.check(item, path, ctx, c);
}

/**
 * Checks an instrument file's JSON against the format in docs/decisions/0002-instruments-as-data.md.
 * Every problem is reported with its JSON path, so an author can fix the file in one pass.
 */
export function validateInstrument(input: Json): ValidationResult {
  const c = new Collector();
  if (!isObject(input)) return { ok: false, problems: [{ where: '$', message: 'must be a JSON object' }] };

  checkId(input.id, '$.id', c);
  const version = input.version;
  if (!(
    (typeof version === 'number' && Number.isInteger(version) && version > 0) ||
    (typeof version === 'string' && /^[0-9A-Za-z._-]+$/.test(version))
  )) {
    c.add('$.version', 'must be a positive whole number or a version string such as "2.1"');
  }

  let languages: string[] = [];
  if (!Array.isArray(input.languages) || input.languages.length === 0) {
    c.add('$.languages', 'must list at least one language code, such as ["en", "it"]');
  } else {
    input.languages.forEach((lang, i) => {
      if (typeof lang !== 'string' || !LANGUAGE_PATTERN.test(lang))
        c.add(`$.languages[${i}]`, 'must be a language code such as "en"');
    });
    languages = input.languages.filter((l): l is string => typeof l === 'string');
    if (new Set(languages).size !== languages.length) c.add('$.languages', 'lists a language twice');
  }

  checkText(input.title, '$.title', languages, c);
  const scales = checkScales(input.scales, languages, c);

  const dimensionIds = new Set<string>();
  if (!Array.isArray(input.dimensions)) {
    c.add('$.dimensions', 'must be a list of dimensions');
  } else {
    input.dimensions.forEach((dimension, i) => {
      const path = `$.dimensions[${i}]`;
      if (!isObject(dimension)) return c.add(path, 'must be an object with id and label');
      if (checkId(dimension.id, `${path}.id`, c)) {
        if (dimensionIds.has(dimension.id)) c.add(`${path}.id`, `"${dimension.id}" is listed twice`);
        dimensionIds.add(dimension.id);
      }
      checkText(dimension.label, `${path}.label`, languages, c);
    });
  }

  const seenItems = new Set<string>();
  const seenSections = new Set<string>();
  const usedDimensions = new Set<string>();
  if (!Array.isArray(input.sections) || input.sections.length === 0) {
    c.add('$.sections', 'must be a non-empty list of sections');
  } else {
    input.sections.forEach((section, i) => {
      const path = `$.sections[${i}]`;
      if (!isObject(section)) return c.add(path, 'must be an object with id, title and items');
      if (checkId(section.id, `${path}.id`, c)) {
        if (seenSections.has(section.id)) c.add(`${path}.id`, `"${section.id}" is used by another section`);
        seenSections.add(section.id);
      }
      checkText(section.title, `${path}.title`, languages, c);
      if (!Array.isArray(section.items) || section.items.length === 0) {
        return c.add(`${path}.items`, 'must be a non-empty list of items');
      }
      section.items.forEach((item, j) => {
        const dimension = checkItem(
          item,
          `${path}.items[${j}]`,
          { languages, scales, dimensions: dimensionIds, seen: seenItems },
          c,
        );
        if (dimension !== undefined) usedDimensions.add(dimension);
      });
    });
  }
  [...dimensionIds].forEach((id) => {
    if (!usedDimensions.has(id)) c.add('$.dimensions', `dimension "${id}" has no scale items`);
  });

  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return { ok: true, instrument: { ...(input as unknown as Instrument), version: String(version) } };
}

export function allItems(instrument: Instrument): Item[] {
  return instrument.sections.flatMap((s) => s.items);
}

export function itemAppliesToGroup(item: Item, group: string): boolean {
  return item.groups === undefined || item.groups.includes(group);
}

/**
 * What scoring depends on: item ids, types, scales, dimensions, reverse flags and groups.
 * Two files with the same id and version must agree on this; wording fixes are allowed.
 */
export function instrumentFingerprint(instrument: Instrument): string {
  const scales = Object.entries(instrument.scales)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, s]) => [id, s.min, s.max, s.notApplicable !== undefined]);
  const items = allItems(instrument).map((item) => [
    item.id,
    item.type,
    ...itemTypeOf(item).fingerprint(item),
    item.groups ?? null,
  ]);
  return JSON.stringify({ scales, dimensions: instrument.dimensions.map((d) => d.id), items });
}
