import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { describeSignInError } from './describeSyncError'
import { t } from '../i18n/activeLanguage'

interface Props {
  initialServerUrl: string
  initialUsername: string
  /** Shown above the fields: what signing in will do with this desk's incidents. */
  intro: string
  onSignIn: (serverUrl: string, username: string, password: string) => Promise<void>
  onWorkStandalone: () => void
  /** Label of the button that leaves without signing in. */
  standaloneLabel: string
}

/**
 * Server address, username, password. The server's refusal is shown as a sentence a person can
 * act on (wrong password, too many attempts, server unreachable); the password field is cleared
 * after a wrong password so the next try starts clean, and focus goes where the fix is.
 */
export function SignInForm({ initialServerUrl, initialUsername, intro, onSignIn, onWorkStandalone, standaloneLabel }: Props) {
  const ids = { server: useId(), username: useId(), password: useId(), error: useId(), intro: useId() }
  const [serverUrl, setServerUrl] = useState(initialServerUrl)
  const [username, setUsername] = useState(initialUsername)
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const serverInput = useRef<HTMLInputElement>(null)
  const usernameInput = useRef<HTMLInputElement>(null)
  const passwordInput = useRef<HTMLInputElement>(null)

  // Start where the person types: the server is usually right already, and a returning person's
  // username too. An effect, not autoFocus: the modal dialog's own focusing runs after React's.
  const [firstField] = useState(() => (initialServerUrl === '' ? serverInput : initialUsername === '' ? usernameInput : passwordInput))
  useEffect(() => {
    firstField.current?.focus()
  }, [firstField])

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    const missing = serverUrl.trim() === '' ? serverInput : username.trim() === '' ? usernameInput : password === '' ? passwordInput : null
    if (missing) {
      setError(
        missing === serverInput
          ? t('signIn.needServer')
          : missing === usernameInput
            ? t('signIn.needUsername')
            : t('signIn.needPassword'),
      )
      missing.current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      await onSignIn(serverUrl.trim(), username.trim(), password)
    } catch (cause) {
      const { message, fix } = describeSignInError(cause, serverUrl.trim())
      setError(message)
      if (fix === 'password') {
        setPassword('')
        passwordInput.current?.focus()
      } else if (fix === 'server') {
        serverInput.current?.focus()
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby={ids.intro} aria-busy={busy}>
      <p id={ids.intro} className="form__intro">
        {intro}
      </p>
      <div className="form__field">
        <label htmlFor={ids.server}>{t('signIn.server')}</label>
        <input
          ref={serverInput}
          id={ids.server}
          type="url"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
          autoComplete="url"
          spellCheck={false}
          aria-describedby={error ? ids.error : undefined}
        />
      </div>
      <div className="form__row">
        <div className="form__field">
          <label htmlFor={ids.username}>{t('signIn.username')}</label>
          <input
            ref={usernameInput}
            id={ids.username}
            type="text"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
          />
        </div>
        <div className="form__field">
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
          <input
            ref={passwordInput}
            id={ids.password}
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            aria-describedby={error ? ids.error : undefined}
          />
        </div>
      </div>

      <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>

      <div className="form__actions form__actions--split">
        <button type="button" className="button button--quiet" onClick={onWorkStandalone}>
          {standaloneLabel}
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </div>
    </form>
  )
}
