import { DESK_COMMANDS } from '../commands/deskCommands'
import { useUiActions } from '../ui/uiHooks'
import { t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'

export function EmptyQueue() {
  const { logDialogOpened } = useUiActions()
  return (
    <div className="empty-queue">
      <h2 className="empty-queue__title">{t('queue.empty.title')}</h2>
      <p className="empty-queue__hint">
        {t('queue.empty.hint')}
      </p>
      <button type="button" className="button button--primary" onClick={logDialogOpened}>
        {t('queue.empty.log')}
      </button>
      <p className="empty-queue__shortcut">
        <Rich id="queue.empty.shortcut" values={{ key: DESK_COMMANDS['incident.new'].bareKey.toUpperCase() }} />
      </p>
    </div>
  )
}
