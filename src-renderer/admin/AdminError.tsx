/** The sentence an admin call failed with (useServerList), or nothing. */
export function AdminError({ error }: { error: string | null }) {
  if (!error) return null
  return (
    <p className="form__error" role="alert">
      {error}
    </p>
  )
}
