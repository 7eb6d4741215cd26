import type { LabelsModel } from './labels-model.js';

/**
 * An R string literal in ASCII: every other character as a \u escape, so the labels come out
 * right whatever the locale R runs in.
 */
function quoted(text: string): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === '"' || character === '\\') out += `\\${character}`;
    else if (code >= 0x20 && code < 0x7f) out += character;
    else out += code > 0xffff ? `\\U{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `"${out}"`;
}

const vector = (values: readonly string[]) => `c(${values.map(quoted).join(', ')})`;

/**
 * labels.R: reads the CSV into the data frame `items_wide`, with groups, sources and waves as
 * factors, coded answers as ordered factors labelled in the chosen language (NA and empty cells
 * both become NA), the submission time as POSIXct, and each column's label in attr(, "label").
 */
export function rSyntax(model: LabelsModel): string {
  // One name whatever the project, so analysis scripts can be shared between projects.
  const frame = 'items_wide';
  const column = (name: string) => `${frame}[[${quoted(name)}]]`;
  const lines: string[] = [
    `# Loads ${model.dataFile} of project ${model.project} with labels (${model.language}), as written by CoAssess.`,
    `# Put ${model.dataFile} in the working directory, or change the path below.`,
    '# Coded answers become ordered factors: "does not apply" (NA in the CSV) and not answered (an',
    '# empty cell) are both NA here; read the CSV again with colClasses = "character" to tell them apart.',
    `${frame} <- read.csv(${quoted(model.dataFile)}, colClasses = "character", na.strings = character(0),`,
    '  check.names = FALSE, fileEncoding = "UTF-8-BOM")',
  ];
  for (const set of model.valueSets) {
    lines.push(
      `${frame}_scale_${set.name.replace(/[^A-Za-z0-9]/g, '_')} <- list(values = c(${set.values.map(({ value }) => value).join(', ')}), labels = ${vector(set.values.map(({ label }) => label))})`,
    );
  }
  for (const v of model.variables) {
    const x = column(v.name);
    switch (v.kind) {
      case 'string':
        lines.push(`${x}[${x} == ""] <- NA`);
        break;
      case 'date-time':
        lines.push(`${x} <- as.POSIXct(${x}, tz = "UTC", format = "%Y-%m-%dT%H:%M:%OS")`);
        break;
      case 'category':
        lines.push(
          `${x} <- factor(${x}, levels = ${vector(v.levels.map(({ code }) => code))}, labels = ${vector(v.levels.map(({ label }) => label))})`,
        );
        break;
      case 'index':
        lines.push(`${x} <- as.integer(${x})`);
        break;
      case 'coded': {
        const scale = `${frame}_scale_${v.valueSet.replace(/[^A-Za-z0-9]/g, '_')}`;
        lines.push(`${x} <- factor(${x}, levels = ${scale}$values, labels = ${scale}$labels, ordered = TRUE)`);
        break;
      }
    }
    lines.push(`attr(${x}, "label") <- ${quoted(v.label)}`);
  }
  return `${lines.join('\n')}\n`;
}
