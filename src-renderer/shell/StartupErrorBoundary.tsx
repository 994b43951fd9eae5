import { Component, type ErrorInfo, type ReactNode } from 'react'
import { t } from '../i18n/activeLanguage'

interface Props {
  children: ReactNode
}

interface State {
  error: Error | null
}

/**
 * The desk cannot work without its local store; when opening it fails (IndexedDB blocked or
 * full), say so plainly instead of showing a blank window.
 */
export class StartupErrorBoundary extends Component<Props, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Incident Desk could not start', error, info.componentStack)
  }

  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="centered-screen">
        <div className="notice-card" role="alert">
          <h1>{t('shell.startFailed.title')}</h1>
          <p>{t('shell.startFailed.why')}</p>
          <p className="notice-card__detail">{error.message}</p>
          <p>{t('shell.startFailed.fix')}</p>
        </div>
      </div>
    )
  }
}
