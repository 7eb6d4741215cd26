import type { Answers } from './answers.js';
import type { Section } from './instrument.js';
import { isScored, type Item } from './item-types/registry.js';

/** The questions of one section still without an answer, in the order they are asked. */
export interface UnansweredSection {
  /** The section's place among those asked, from 0. */
  index: number;
  section: Section;
  /** Optional: a question no score counts (an open question), so leaving it blank costs nothing. */
  items: { item: Item; optional: boolean }[];
}

/** Every section with a question left unanswered, so a whole section skipped is never passed over in silence. */
export function unansweredBySection(sections: readonly Section[], answers: Answers): UnansweredSection[] {
  return sections
    .map((section, index) => ({
      index,
      section,
      items: section.items
        .filter((item) => answers[item.id] === undefined)
        .map((item) => ({ item, optional: !isScored(item) })),
    }))
    .filter((entry) => entry.items.length > 0);
}
