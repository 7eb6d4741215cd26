/** Reads the CSRF token out of a rendered form, as a browser would submit it. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

/** The hidden fields of a rendered form (the paper review page carries every keyed value so), decoded as a browser would send them. */
export function hiddenFieldsOf(html: string, formClass: string): Record<string, string> {
  const start = html.indexOf(`class="${formClass}"`);
  if (start < 0) throw new Error(`no form "${formClass}" on the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[decodeEntities(m[1]!)] = decodeEntities(m[2]!);
  return fields;
}

/** Undoes EJS's escaping of text in an attribute or element. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The text of a form's textarea `f-<field>`, as a browser reads it: the newline right after the tag is not part of it. */
export function textareaOf(html: string, field: string): string {
  const m = new RegExp(`<textarea id="f-${field}"[^>]*>\\n?([\\s\\S]*?)</textarea>`).exec(html);
  if (!m) throw new Error(`no textarea ${field} on the page`);
  return decodeEntities(m[1]!);
}
