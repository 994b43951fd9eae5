import { useEffect, useId, useState } from 'react'
import { usePlatform } from '../platform/platformContext'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useOutboxCounts } from '../sync-status/useOutboxCounts'
import { useConnection, useUiActions } from '../ui/uiHooks'
import { SignInForm } from './SignInForm'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { t } from '../i18n/activeLanguage'

/**
 * Signing in to a sync server, in a native modal <dialog> (focus trapped inside, Escape closes,
 * focus returns to the opener). Leaving without signing in keeps the desk working on its own.
 */
export function SignInDialog() {
  const titleId = useId()
  const platform = usePlatform()
  const controller = useSyncController()
  const connection = useConnection()
  const { signInDialogClosed } = useUiActions()
  const pending = useOutboxCounts()?.pending
  const [suggestedServer, setSuggestedServer] = useState<string | null>(connection.status === 'signedOut' ? connection.serverUrl : null)

  useEffect(() => {
    if (suggestedServer !== null) return
    let current = true
    platform.session.suggestedServerUrl().then(
      (url) => current && setSuggestedServer(url),
      () => current && setSuggestedServer(''),
    )
    return () => {
      current = false
    }
  }, [platform, suggestedServer])

  const showModal = useModalDialogRef()

  const intro =
    connection.status === 'standalone'
      ? pending
        ? t('signIn.join', { count: pending })
        : t('signIn.share')
      : pending
        ? t('signIn.again', { count: pending })
        : t('signIn.againAlone')

  return (
    <dialog
      ref={showModal}
      className="dialog dialog--narrow"
      aria-labelledby={titleId}
      onClose={(event) => {
        if (!event.currentTarget.open) signInDialogClosed()
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {t('signIn.title')}
      </h2>
      {suggestedServer === null ? (
        <p role="status">{t('signIn.lookingUp')}</p>
      ) : (
        <SignInForm
          initialServerUrl={suggestedServer}
          initialUsername={connection.status === 'signedOut' ? (connection.account?.username ?? '') : ''}
          intro={intro}
          onSignIn={(serverUrl, username, password) => controller.signIn(serverUrl, username, password)}
          onWorkStandalone={signInDialogClosed}
          standaloneLabel={connection.status === 'standalone' ? t('signIn.standalone') : t('signIn.offline')}
        />
      )}
    </dialog>
  )
}
