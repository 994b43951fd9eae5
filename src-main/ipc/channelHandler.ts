import type { MainApi, MainApiChannel } from '../../src-shared/ipc/contract'

/**
 * Main's side of one channel. Arguments arrive from another process and may have been forged
 * by a compromised page, so every channel names how to check them before its typed handler runs.
 */
export interface ChannelHandler<C extends MainApiChannel> {
  /** Turns raw IPC arguments into the typed ones, or throws. */
  readonly parseArguments: (raw: readonly unknown[]) => Parameters<MainApi[C]>
  readonly handle: MainApi[C]
}

/** Every channel of the contract with its handler: a channel missing here fails to compile. */
export type MainApiHandlers = { readonly [C in MainApiChannel]: ChannelHandler<C> }

/** Argument parser for channels that take none. Extra arguments are refused, not ignored. */
export function expectNoArguments(raw: readonly unknown[]): [] {
  if (raw.length !== 0) throw new TypeError(`Expected no arguments, received ${raw.length}`)
  return []
}
