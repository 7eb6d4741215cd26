/**
 * Every word a staff member reads on staff pages, the home page and the error pages, in each
 * language we ship. Written in parts, one per area, in server/i18n/staff/; merged here into one
 * typed catalogue (a key defined in two parts is refused when this module loads).
 */
import { defineCatalogue, mergeParts, type Message, type Translate } from './catalogue.js';
import * as account from './staff/account.js';
import * as actions from './staff/actions.js';
import * as common from './staff/common.js';
import * as consent from './staff/consent.js';
import * as contacts from './staff/contacts.js';
import * as exportsPart from './staff/exports.js';
import * as imports from './staff/imports.js';
import * as paper from './staff/paper.js';
import * as participants from './staff/participants.js';
import * as projects from './staff/projects.js';
import * as refusals from './staff/refusals.js';
import * as responses from './staff/responses.js';
import * as rules from './staff/rules.js';
import * as site from './staff/site.js';
import * as summaries from './staff/summaries.js';
import * as time from './staff/time.js';
import * as users from './staff/users.js';
import * as waves from './staff/waves.js';

const parts = [
  common,
  site,
  account,
  projects,
  participants,
  waves,
  users,
  responses,
  exportsPart,
  refusals,
  rules,
  actions,
  consent,
  contacts,
  imports,
  paper,
  summaries,
  time,
] as const;

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type StaffEnglish = Intersection<(typeof parts)[number]['en']>;
export type StaffKey = keyof StaffEnglish & string;

const merged = mergeParts(...parts);

export const staffMessages = defineCatalogue(merged.en as StaffEnglish & Record<string, Message>, {
  it: merged.it as Record<StaffKey, Message>,
});

export type StaffTranslate = Translate<StaffKey>;

const known = new Set<string>(staffMessages.keys);

/** Whether text names a message of the catalogue (titles and form messages are given as keys). */
export function isStaffKey(text: string): text is StaffKey {
  return known.has(text);
}

/**
 * A message carried as text through code that only passes strings along (zod's messages, a
 * DomainError's problems): its key, and its parameters as a query string after "?". messageText
 * turns it into words in the reader's language when the page is drawn.
 */
export function messageRef(key: StaffKey, params?: Record<string, string | number>): string {
  if (!params) return key;
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

/** The words for a messageRef; any other text (a service's own message) is shown as it is. */
export function messageText(t: StaffTranslate, text: string): string {
  const mark = text.indexOf('?');
  const key = mark === -1 ? text : text.slice(0, mark);
  if (!isStaffKey(key)) return text;
  if (mark === -1) return t(key);
  const params: Record<string, string | number> = {};
  for (const [name, value] of new URLSearchParams(text.slice(mark + 1)))
    params[name] = /^\d+$/.test(value) ? Number(value) : value;
  return t(key, params);
}
