import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useId, useState } from 'react'
import { useDesk } from '../desk/deskContext'
import { usePlatform } from '../platform/platformContext'
import { pendingOutboxCount } from '../store/queue'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useConnection, useUiActions } from '../ui/uiHooks'
import { SignInForm } from './SignInForm'
import { useModalDialogRef } from '../ui/useModalDialogRef'

/**
 * Signing in to a sync server, in a native modal <dialog> (focus trapped inside, Escape closes,
 * focus returns to the opener). Leaving without signing in keeps the desk working on its own.
 */
export function SignInDialog() {
  const titleId = useId()
  const platform = usePlatform()
  const controller = useSyncController()
  const connection = useConnection()
  const { db } = useDesk()
  const { signInDialogClosed } = useUiActions()
  const pending = useLiveQuery(() => pendingOutboxCount(db), [db])
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

  const changes = !pending ? null : pending === 1 ? { these: 'the change', are: 'is' } : { these: `the ${pending} changes`, are: 'are' }
  const intro =
    connection.status === 'standalone'
      ? changes
        ? `Signing in joins this desk to the sync server: ${changes.these} made here ${changes.are} sent up and its incidents get their server numbers. Nothing on this desk is lost.`
        : 'Sign in to share incidents with the other desks. Without an account, this desk keeps working on its own.'
      : changes
        ? `Sign in to sync again: ${changes.these} waiting on this desk ${changes.are} sent as soon as you are in.`
        : 'Sign in to sync again. Until then this desk keeps working on its own data.'

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
        Sign in to sync
      </h2>
      {suggestedServer === null ? (
        <p role="status">Looking up the sync server…</p>
      ) : (
        <SignInForm
          initialServerUrl={suggestedServer}
          initialUsername={connection.status === 'signedOut' ? (connection.account?.username ?? '') : ''}
          intro={intro}
          onSignIn={(serverUrl, username, password) => controller.signIn(serverUrl, username, password)}
          onWorkStandalone={signInDialogClosed}
          standaloneLabel={connection.status === 'standalone' ? 'Work standalone' : 'Keep working offline'}
        />
      )}
    </dialog>
  )
}
