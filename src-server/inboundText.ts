/**
 * Text that comes from outside the desk (monitoring alerts, e-mail) fitted to the log's limits:
 * cut with an ellipsis rather than refused, since the alert or the message is not the sender's to
 * shorten, and a subject or summary folded onto one line.
 */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
