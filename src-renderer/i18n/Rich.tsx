import type { ReactNode } from 'react'
import { FormattedMessage } from 'react-intl'
import type { MessageId } from '../../src-shared/i18n/catalog'

/** The markup a message may hold, so a translator can move a key name or emphasis within the sentence. */
const TAGS = {
  kbd: (chunks: ReactNode[]) => <kbd>{chunks}</kbd>,
  strong: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
  em: (chunks: ReactNode[]) => <em>{chunks}</em>,
}

/** A message with markup (`<kbd>J</kbd>`), rendered as elements rather than as text. */
/** Values are text, elements, or tag functions wrapping their part of the sentence (`<time>{at}</time>`). */
export function Rich({ id, values }: { id: MessageId; values?: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)> }) {
  return <FormattedMessage id={id} values={{ ...TAGS, ...values }} />
}
