import { DESK_COMMANDS } from '../commands/deskCommands'
import { useUiActions } from '../ui/uiHooks'

export function EmptyQueue() {
  const { logDialogOpened } = useUiActions()
  return (
    <div className="empty-queue">
      <h2 className="empty-queue__title">No incidents yet — log the first one</h2>
      <p className="empty-queue__hint">
        Incidents logged on this desk appear here, most urgent first. They are saved on this device straight away, with or
        without a network.
      </p>
      <button type="button" className="button button--primary" onClick={logDialogOpened}>
        Log the first incident
      </button>
      <p className="empty-queue__shortcut">
        Or press <kbd>{DESK_COMMANDS['incident.new'].bareKey.toUpperCase()}</kbd> anywhere in the queue.
      </p>
    </div>
  )
}
