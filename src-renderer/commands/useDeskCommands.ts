import { useEffect, useEffectEvent } from 'react'
import type { MenuCommand } from '../../src-shared/ipc/contract'
import type { Platform } from '../platform/platform'
import { commandForBareKey } from './deskCommands'

/**
 * Routes every way of asking for a command (menu, accelerator, bare key) to one `perform`.
 * An effect because the menu and the keyboard are outside React.
 */
export function useDeskCommands(platform: Platform, perform: (command: MenuCommand) => void): void {
  const onCommand = useEffectEvent(perform)

  useEffect(() => {
    const unsubscribe = platform.onMenuCommand((command) => onCommand(command))
    const onKeyDown = (event: KeyboardEvent): void => {
      const command = commandForBareKey(event)
      if (!command) return
      event.preventDefault()
      onCommand(command)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => {
      unsubscribe()
      window.removeEventListener('keydown', onKeyDown)
    }
  }, [platform])
}
