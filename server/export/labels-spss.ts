import { fitUtf8, notApplicableCode, syntaxName, type LabelsModel } from './labels-model.js';

/** An SPSS string literal. */
const quoted = (text: string): string => `'${text.replace(/'/g, "''").replace(/[\r\n]+/g, ' ')}'`;
// SPSS keeps 256 bytes of a variable label and 120 of a value label.
const variableLabel = (text: string) => quoted(fitUtf8(text, 250));
const valueLabel = (text: string) => quoted(fitUtf8(text, 120));
/** Long enough for a 5,000-character open answer in UTF-8, with its ' prefix. */
const TEXT_WIDTH = 20_004;

/**
 * labels.sps: SPSS syntax that reads the CSV (UTF-8, with or without byte-order mark), turns each
 * coded answer into a number with NA as a user-missing value (empty cells stay system-missing),
 * and sets VARIABLE LABELS, VALUE LABELS and MISSING VALUES.
 */
export function spssSyntax(model: LabelsModel): string {
  const na = notApplicableCode(model);
  const coded = model.variables.filter((v) => v.kind === 'coded');
  const lines: string[] = [
    '* Encoding: UTF-8.',
    `* Loads ${model.dataFile} of project ${model.project} with labels (${model.language}), as written by CoAssess.`,
    `* Put ${model.dataFile} in the working directory, or change the path below.`,
    `* Coded answers: ${na} = does not apply (NA, user-missing); system-missing = not answered.`,
    '* SPSS reads one case per line: an open answer written over several lines splits its case.',
    '* Read open answers from open-answers.xlsx instead, or in R with labels.R.',
    'SET UNICODE=ON.',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${quoted(model.dataFile)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /FIRSTCASE=2',
    '  /VARIABLES=',
  ];
  for (const v of model.variables) {
    const name = syntaxName(v.name);
    if (v.kind === 'coded') lines.push(`    r_${name} A8`);
    else if (v.kind === 'index') lines.push(`    ${name} F8.0`);
    else if (v.kind === 'string' && v.long) lines.push(`    ${name} A${TEXT_WIDTH}`);
    else lines.push(`    ${name} A255`);
  }
  lines[lines.length - 1] += '.';
  for (const v of coded) {
    const name = syntaxName(v.name);
    lines.push(`RECODE r_${name} ('NA'=${na}) (CONVERT) INTO ${name}.`);
  }
  if (coded.length > 0) {
    lines.push('EXECUTE.');
    lines.push(`DELETE VARIABLES ${coded.map((v) => `r_${syntaxName(v.name)}`).join(' ')}.`);
    lines.push(`FORMATS ${coded.map((v) => syntaxName(v.name)).join(' ')} (F8.0).`);
  }
  lines.push('VARIABLE LABELS');
  model.variables.forEach((v, i) =>
    lines.push(`  ${i === 0 ? '' : '/'}${syntaxName(v.name)} ${variableLabel(v.label)}`),
  );
  lines[lines.length - 1] += '.';

  const valueLabels: string[] = [];
  for (const v of model.variables) {
    if (v.kind === 'category')
      valueLabels.push(
        `${syntaxName(v.name)} ${v.levels.map(({ code, label }) => `${quoted(code)} ${valueLabel(label)}`).join(' ')}`,
      );
    if (v.kind === 'index')
      valueLabels.push(
        `${syntaxName(v.name)} ${v.levels.map(({ value, label }) => `${value} ${valueLabel(label)}`).join(' ')}`,
      );
  }
  for (const set of model.valueSets) {
    const names = coded.filter((v) => v.valueSet === set.name).map((v) => syntaxName(v.name));
    if (names.length === 0) continue;
    const labels = set.values.map(({ value, label }) => `${value} ${valueLabel(label)}`);
    if (set.notApplicable !== undefined) labels.push(`${na} ${valueLabel(set.notApplicable)}`);
    valueLabels.push(`${names.join(' ')} ${labels.join(' ')}`);
  }
  if (valueLabels.length > 0) {
    lines.push('VALUE LABELS');
    valueLabels.forEach((entry, i) => lines.push(`  ${i === 0 ? '' : '/'}${entry}`));
    lines[lines.length - 1] += '.';
  }
  if (coded.length > 0) lines.push(`MISSING VALUES ${coded.map((v) => syntaxName(v.name)).join(' ')} (${na}).`);
  lines.push(`ADD FILES FILE=* /KEEP=${model.variables.map((v) => syntaxName(v.name)).join(' ')}.`);
  lines.push('EXECUTE.');
  return `${lines.join('\r\n')}\r\n`;
}
