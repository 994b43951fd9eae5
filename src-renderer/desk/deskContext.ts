import { createContext, useContext } from 'react'
import type { Desk } from './openDesk'

export const DeskContext = createContext<Desk | null>(null)

export function useDesk(): Desk {
  const desk = useContext(DeskContext)
  if (!desk) throw new Error('useDesk needs <DeskContext value={desk}> above it.')
  return desk
}
