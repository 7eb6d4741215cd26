import { NOT_APPLICABLE } from '../answers.js';
import { englishText } from '../english-text.js';
import type { Scale } from '../instrument.js';
import type { ItemType } from './item-type.js';
import { scaleOf, type ScoredItem } from './scored-item.js';

/** A scale's point labels in English, or in its first language when it has no English. */
function englishLabels(scale: Scale): string[] {
  return scale.labels.en ?? Object.values(scale.labels)[0] ?? [];
}

/** A statement rated on one of the instrument's scales, counting toward one dimension. */
export interface ScaleItem extends ScoredItem {
  type: 'scale';
}

export const scaleType: ItemType<ScaleItem> = {
  name: 'scale',

  check(item, path, { scales, dimensions }, c) {
    // Own keys only: "toString" or "__proto__" are "in" every object but are not scales.
    if (typeof item.scale !== 'string' || !Object.hasOwn(scales, item.scale)) {
      c.add(`${path}.scale`, `must name one of the scales (${Object.keys(scales).join(', ')})`);
    }
    if (typeof item.dimension !== 'string' || !dimensions.has(item.dimension)) {
      c.add(`${path}.dimension`, `must name one of the dimensions (${[...dimensions].join(', ')})`);
    }
    if (typeof item.reverse !== 'boolean') c.add(`${path}.reverse`, 'must be true or false');
    return typeof item.dimension === 'string' ? item.dimension : undefined;
  },

  fingerprint: (item) => [item.scale, item.dimension, item.reverse],

  parse(instrument, item, text, raw) {
    const scale = scaleOf(instrument, item);
    if (text.toUpperCase() === NOT_APPLICABLE) {
      if (scale.notApplicable) return { ok: true, value: NOT_APPLICABLE };
      return {
        ok: false,
        reason: 'not_applicable_not_offered',
        message: `"${text}" is not allowed: this question has no "does not apply" option (use a number from ${scale.min} to ${scale.max}, or leave it empty)`,
        params: { value: text, min: String(scale.min), max: String(scale.max) },
      };
    }
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || value < scale.min || value > scale.max) {
      return {
        ok: false,
        reason: 'out_of_scale',
        message: `"${raw}" is outside the scale ${scale.min} to ${scale.max}`,
        params: { value: raw, min: String(scale.min), max: String(scale.max) },
      };
    }
    return { ok: true, value };
  },

  scored: true,

  answerText(instrument, item, value, lang) {
    const scale = scaleOf(instrument, item);
    return (
      (value === NOT_APPLICABLE ? scale.notApplicable?.[lang] : scale.labels[lang]?.[Number(value) - scale.min]) ?? ''
    );
  },

  // The first point's radio button: an error message leads to the start of the row.
  fieldId: (instrument, item) => `${item.id}-${scaleOf(instrument, item).min}`,

  paperEntry: {
    control: 'box-value',
    key(instrument, item, lang) {
      const scale = scaleOf(instrument, item);
      const labels = scale.labels[lang] ?? [];
      return {
        values: labels.map((label, i) => `${scale.min + i} = ${label}`).join(', '),
        notApplicable: scale.notApplicable?.[lang] ?? 'does not apply',
      };
    },
    values(instrument, item) {
      const scale = scaleOf(instrument, item);
      return { min: scale.min, max: scale.max, notApplicable: Boolean(scale.notApplicable) };
    },
  },

  valueLabels(instrument, item, lang) {
    const scale = scaleOf(instrument, item);
    const labels = scale.labels[lang] ?? englishLabels(scale);
    return {
      set: item.scale,
      values: labels.map((label, i) => ({ value: scale.min + i, label })),
      ...(scale.notApplicable ? { notApplicable: scale.notApplicable[lang] ?? englishText(scale.notApplicable) } : {}),
    };
  },

  codebook(instrument, item) {
    const scale = scaleOf(instrument, item);
    const labels = englishLabels(scale);
    const points = labels.map((label, i) => `${scale.min + i} = ${label}`);
    if (scale.notApplicable) points.push(`${NOT_APPLICABLE} = ${englishText(scale.notApplicable)}`);
    return {
      dimension: item.dimension,
      scale: item.scale,
      scale_min: scale.min,
      scale_max: scale.max,
      reverse: String(item.reverse),
      meaning: points.join('; '),
    };
  },
};
