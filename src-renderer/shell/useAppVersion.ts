import { useEffect, useState } from 'react'
import type { Platform } from '../platform/platform'

/** The running version, for the header; null until the platform answers (or if it cannot). */
export function useAppVersion(platform: Platform): string | null {
  const [version, setVersion] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    platform.getAppInfo().then(
      (info) => {
        if (current) setVersion(info.version)
      },
      (error: unknown) => console.warn('Could not read the app version', error),
    )
    return () => {
      current = false
    }
  }, [platform])
  return version
}
