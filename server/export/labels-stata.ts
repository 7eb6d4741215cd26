import { syntaxName, type LabelsModel } from './labels-model.js';

/**
 * A Stata string in compound quotes. A backslash keeps `$` and a backquote from being read as
 * macros; a `"'` inside would close the quotes, so it gets a space.
 */
const quoted = (text: string): string =>
  `\`"${text
    .replace(/[\r\n]+/g, ' ')
    .replace(/([$`])/g, '\\$1')
    .replace(/"'/g, `" '`)}"'`;
// Stata keeps 80 characters of a variable label.
const variableLabel = (text: string) => quoted(text.length > 80 ? text.slice(0, 80) : text);

/**
 * labels.do: Stata syntax that reads the CSV, turns each coded answer into a number with NA as
 * the extended missing value .a (empty cells stay .), and labels variables and values.
 */
export function stataSyntax(model: LabelsModel): string {
  const names = model.variables.map((v) => syntaxName(v.name));
  const coded = model.variables.filter((v) => v.kind === 'coded');
  const lines: string[] = [
    `* Loads ${model.dataFile} of project ${model.project} with labels (${model.language}), as written by CoAssess.`,
    `* Put ${model.dataFile} in the working directory, or change the path below.`,
    '* Coded answers: .a = does not apply (NA in the CSV); . = not answered (an empty cell).',
    `import delimited using "${model.dataFile}", varnames(nonames) rowrange(2) stringcols(_all) delimiters(",") bindquotes(strict) maxquotedrows(unlimited) encoding("utf-8") clear`,
    `rename (${names.map((_, i) => `v${i + 1}`).join(' ')}) (${names.join(' ')})`,
  ];
  for (const v of model.variables) {
    const name = syntaxName(v.name);
    if (v.kind === 'category') {
      lines.push(`generate int ${name}_code = .`);
      v.levels.forEach(({ code }, i) => lines.push(`replace ${name}_code = ${i + 1} if ${name} == ${quoted(code)}`));
      lines.push(
        `label define ${name}_lbl ${v.levels.map(({ label }, i) => `${i + 1} ${quoted(label)}`).join(' ')}, replace`,
      );
      lines.push(`label values ${name}_code ${name}_lbl`, `drop ${name}`, `rename ${name}_code ${name}`);
    }
    if (v.kind === 'index') {
      lines.push(`destring ${name}, replace`);
      lines.push(
        `label define ${name}_lbl ${v.levels.map(({ value, label }) => `${value} ${quoted(label)}`).join(' ')}, replace`,
      );
      lines.push(`label values ${name} ${name}_lbl`);
    }
  }
  if (coded.length > 0) {
    const codedNames = coded.map((v) => syntaxName(v.name)).join(' ');
    lines.push(`foreach v of varlist ${codedNames} {`, `  replace \`v' = ".a" if \`v' == "NA"`, '}');
    lines.push(`destring ${codedNames}, replace`);
  }
  for (const set of model.valueSets) {
    const members = coded.filter((v) => v.valueSet === set.name).map((v) => syntaxName(v.name));
    if (members.length === 0) continue;
    const labels = set.values.map(({ value, label }) => `${value} ${quoted(label)}`);
    if (set.notApplicable !== undefined) labels.push(`.a ${quoted(set.notApplicable)}`);
    const name = `${syntaxName(set.name)}`.slice(0, 32);
    lines.push(`label define ${name} ${labels.join(' ')}, replace`, `label values ${members.join(' ')} ${name}`);
  }
  for (const v of model.variables) lines.push(`label variable ${syntaxName(v.name)} ${variableLabel(v.label)}`);
  lines.push(`order ${names.join(' ')}`);
  return `${lines.join('\r\n')}\r\n`;
}
