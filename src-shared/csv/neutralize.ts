/**
 * Formula injection ("CSV injection", OWASP): a spreadsheet treats a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a caller who typed
 * `=HYPERLINK(...)` into a short description could run it on the desk manager's machine.
 *
 * The rule, both ways, so an export read back by our own import is exact:
 * - export: a text cell starting with one of {@link FORMULA_TRIGGERS} *or with an apostrophe*
 *   gets one apostrophe in front (spreadsheets show `'=1+1` as the text `=1+1`);
 * - import of a file this desk wrote: one leading apostrophe is removed, if there is one.
 * Because a cell that already started with `'` gets a second one on export, removing exactly one
 * on import always restores the original, whatever it was.
 *
 * Numbers written as numbers are not touched: a spreadsheet reads `-3` as the number it is.
 */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const

export const NEUTRALIZING_PREFIX = "'"

/** True when a spreadsheet could read this text as the start of a formula. */
export function couldStartFormula(text: string): boolean {
  const first = text.charAt(0)
  return (FORMULA_TRIGGERS as readonly string[]).includes(first)
}

/** The export side of the rule. */
export function neutralizeCell(text: string): string {
  return couldStartFormula(text) || text.startsWith(NEUTRALIZING_PREFIX) ? NEUTRALIZING_PREFIX + text : text
}

/** The import side of the rule, for files written by {@link neutralizeCell}. */
export function restoreNeutralizedCell(text: string): string {
  return text.startsWith(NEUTRALIZING_PREFIX) ? text.slice(NEUTRALIZING_PREFIX.length) : text
}
