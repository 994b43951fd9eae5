import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { catalogFor } from './catalog'

/**
 * The pseudo-locale `en-XA`: every message is English with accented letters, wrapped in ⟦ ⟧.
 * A page rendered in it still reads, and any text without the marks did not come through the
 * catalog: the e2e check fails on it. Placeholders, plurals and tags keep their structure; only
 * literal text is changed, so the same values format the same way.
 */
const ACCENTED: Record<string, string> = {
  a: 'à', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'À', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
}

export const PSEUDO_OPEN = '⟦'
export const PSEUDO_CLOSE = '⟧'

function accent(text: string): string {
  return text.replace(/[A-Za-z]/g, (letter) => ACCENTED[letter] ?? letter)
}

/** Formatted values (dates, numbers) are marked but keep their characters. */
export function pseudoText(text: string): string {
  return `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}`
}

function accentElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: accent(element.value) }
      case TYPE.plural:
      case TYPE.select:
        return {
          ...element,
          options: Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: accentElements(option.value) }])),
        }
      case TYPE.tag:
        return { ...element, children: accentElements(element.children) }
      default:
        return element
    }
  })
}

let catalog: Record<string, MessageFormatElement[]> | null = null

export function pseudoCatalog(): Record<string, MessageFormatElement[]> {
  if (!catalog) {
    catalog = {}
    for (const [id, message] of Object.entries(catalogFor('en'))) {
      const open: MessageFormatElement = { type: TYPE.literal, value: PSEUDO_OPEN }
      const close: MessageFormatElement = { type: TYPE.literal, value: PSEUDO_CLOSE }
      catalog[id] = [open, ...accentElements(parse(message)), close]
    }
  }
  return catalog
}
