import { decodeEntities } from './forms.js';

/** One cell as a page shows it: numbers, or why not. */
export type SeenCell = { n: number; mean: number } | { hidden: string };

/** Per dimension label, group label and wave label, what a results page shows of the means. */
export type SeenMeans = Map<string, Map<string, Map<string, SeenCell>>>;

/** Per group label and wave label, the response rate shown in whole per cent, or why not. */
export type SeenRates = Map<string, Map<string, number | { hidden: string }>>;

function rowsOf(table: string): { head: string[]; rows: [string, string[]][] } {
  const head = [...(/<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '').matchAll(/<th scope="col">([\s\S]*?)<\/th>/g)]
    .slice(1)
    .map((m) => decodeEntities(m[1]!.trim()));
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row): [string, string[]] => [
    decodeEntities(/<th scope="row">([\s\S]*?)<\/th>/.exec(row[1]!)![1]!.trim()),
    [...row[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!),
  ]);
  return { head, rows };
}

const text = (html: string) =>
  decodeEntities(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The trend tables of a results page: a cell with numbers reads "2.10 (1.80–2.40) n = 6", a
 * hidden one says why in words.
 */
export function seenMeans(page: string): SeenMeans {
  const seen: SeenMeans = new Map();
  for (const m of page.matchAll(/<table class="data-table">\s*<caption>([^<]*): mean score[\s\S]*?<\/table>/g)) {
    const dimension = decodeEntities(m[1]!);
    const { head, rows } = rowsOf(m[0]);
    const byGroup = new Map<string, Map<string, SeenCell>>();
    for (const [group, cells] of rows) {
      byGroup.set(
        group,
        new Map(
          cells.map((cell, i) => {
            const words = text(cell);
            const numbers = /^(\d+\.\d+)\b.*\bn = (\d+)$/.exec(words);
            return [head[i]!, numbers ? { mean: Number(numbers[1]), n: Number(numbers[2]) } : { hidden: words }];
          }),
        ),
      );
    }
    seen.set(dimension, byGroup);
  }
  return seen;
}

/** The response-rate table of a results page, found by its caption. */
export function seenRates(page: string, caption: string): SeenRates {
  const table = new RegExp(`<table class="data-table"><caption>${caption}</caption>[\\s\\S]*?</table>`).exec(page);
  const seen: SeenRates = new Map();
  if (!table) return seen;
  const { head, rows } = rowsOf(table[0]);
  for (const [group, cells] of rows) {
    seen.set(
      group,
      new Map(
        cells.map((cell, i) => {
          const words = text(cell);
          const rate = /^(\d+)%/.exec(words);
          return [head[i]!, rate ? Number(rate[1]) : { hidden: words }];
        }),
      ),
    );
  }
  return seen;
}

/** How an attacker reads a hidden cell's words: "fewer than 5" bounds its n. */
const nBounds = (cell: SeenCell): [number, number] =>
  'n' in cell ? [cell.n, cell.n] : cell.hidden === 'fewer than 5' ? [0, 4] : [0, Number.POSITIVE_INFINITY];

/**
 * What one wave and dimension gives away about each hidden group's mean. Everyone is the
 * n-weighted sum of the groups; with it shown, the hidden groups together have N people and a
 * score sum S. A hidden group of n_h people then has a mean between (S − 5(N − n_h)) / n_h and
 * (S − 1(N − n_h)) / n_h, within the scale; over every n_h its n allows, that is the interval
 * the page leaves it. With one hidden group and N known the interval is a point: the mean is
 * solved exactly. Without Everyone nothing ties a hidden group to the rest: the whole scale.
 */
export function meanIntervals(
  everyone: SeenCell,
  groups: ReadonlyMap<string, SeenCell>,
  scale: { min: number; max: number },
): Map<string, [number, number]> {
  const intervals = new Map<string, [number, number]>();
  const hidden = [...groups].filter(([, cell]) => !('n' in cell));
  if (!('n' in everyone)) {
    for (const [group] of hidden) intervals.set(group, [scale.min, scale.max]);
    return intervals;
  }
  let people = everyone.n;
  let sum = everyone.n * everyone.mean;
  for (const [, cell] of groups)
    if ('n' in cell) {
      people -= cell.n;
      sum -= cell.n * cell.mean;
    }
  for (const [group, cell] of hidden) {
    const [low, high] = nBounds(cell);
    const others = hidden.filter(([g]) => g !== group).map(([, c]) => nBounds(c));
    const othersAtLeast = others.reduce((least, [l]) => least + l, 0);
    const othersAtMost = others.reduce((most, [, h]) => most + h, 0);
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (let n = Math.max(1, low, people - othersAtMost); n <= Math.min(high, people - othersAtLeast); n += 1) {
      const rest = people - n;
      from = Math.min(from, Math.max(scale.min, (sum - scale.max * rest) / n));
      to = Math.max(to, Math.min(scale.max, (sum - scale.min * rest) / n));
    }
    if (from <= to) intervals.set(group, [from, to]);
  }
  return intervals;
}

/**
 * The submitted counts a hidden group could have, given everyone's shown rate (whole per cent),
 * the shown groups' rates and the invited counts, which a lead knows from the participant list.
 */
export function possibleCounts(
  everyone: number | { hidden: string },
  groups: ReadonlyMap<string, { rate: number | { hidden: string }; invited: number }>,
): Map<string, Set<number>> {
  const invitedAll = [...groups.values()].reduce((sum, g) => sum + g.invited, 0);
  const known = [...groups.values()].flatMap(({ rate, invited }) =>
    typeof rate === 'number' ? [Math.round((rate / 100) * invited)] : [],
  );
  const hidden = [...groups].filter(([, g]) => typeof g.rate !== 'number');
  const options = hidden.map(([, g]) => {
    const words = (g.rate as { hidden: string }).hidden;
    const top = words === 'fewer than 5' ? Math.min(4, g.invited) : g.invited;
    return Array.from({ length: top + 1 }, (_, s) => s);
  });
  const possible = new Map(hidden.map(([group]) => [group, new Set<number>()]));
  const knownSum = known.reduce((a, b) => a + b, 0);
  const walk = (i: number, chosen: number[]) => {
    if (i === hidden.length) {
      const total = knownSum + chosen.reduce((a, b) => a + b, 0);
      if (typeof everyone === 'number' && Math.round((100 * total) / invitedAll) !== everyone) return;
      chosen.forEach((s, j) => possible.get(hidden[j]![0])!.add(s));
      return;
    }
    for (const s of options[i]!) walk(i + 1, [...chosen, s]);
  };
  walk(0, []);
  return possible;
}
