import { Fragment, useId } from 'react'
import { useOverlayActions } from '../ui/uiHooks'
import { ModalDialog } from '../ui/ModalDialog'
import { chordKeys, shortcutLabel, shortcutsIn, type KeyChord, type ShortcutScope } from './shortcuts'
import { t } from '../i18n/activeLanguage'
import './keyboard.css'

const SCOPES: readonly ShortcutScope[] = ['anywhere', 'queue', 'incident', 'search']

/**
 * The keyboard shortcut sheet (`?`, Ctrl+/): every shortcut of the desk, read from the same
 * table the screens bind their keys from (shortcuts.ts), grouped by where it works.
 */
export function ShortcutSheet() {
  const { shortcutSheetClosed } = useOverlayActions()
  return (
    <ModalDialog className="dialog shortcut-sheet" title={t('shortcuts.title')} onClosed={shortcutSheetClosed}>
      <div className="shortcut-sheet__groups">
        {SCOPES.map((scope) => (
          <ShortcutGroup key={scope} scope={scope} />
        ))}
      </div>
      <div className="shortcut-sheet__actions">
        <button type="button" className="button" autoFocus onClick={shortcutSheetClosed}>
          {t('common.close')}
        </button>
      </div>
    </ModalDialog>
  )
}

function ShortcutGroup({ scope }: { scope: ShortcutScope }) {
  const headingId = useId()
  return (
    <section className="shortcut-sheet__group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`shortcuts.scope.${scope}`)}</h3>
      <dl className="shortcut-sheet__list">
        {shortcutsIn(scope).map((shortcut) => (
          <Fragment key={shortcut.id}>
            <dt>
              {shortcut.chords.map((chord, index) => (
                <Fragment key={index}>
                  {index > 0 ? <span className="shortcut-sheet__or">{t('keys.or')}</span> : null}
                  <Chord chord={chord} />
                </Fragment>
              ))}
            </dt>
            <dd>{shortcutLabel(shortcut)}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  )
}

function Chord({ chord }: { chord: KeyChord }) {
  const keys = chordKeys(chord)
  return (
    <span className="kbd-chord" role="img" aria-label={keys.join(' + ')}>
      {keys.map((key) => (
        <kbd key={key} className="kbd">
          {key}
        </kbd>
      ))}
    </span>
  )
}
