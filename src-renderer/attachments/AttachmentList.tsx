import * as Comlink from 'comlink'
import { useCallback, useMemo, useState } from 'react'
import type { AttachmentDescriptor } from '../../src-shared/incident/incident'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useDesk } from '../desk/deskContext'
import { usePlatform } from '../platform/platformContext'
import { formatBytes } from './attachmentStore'
import { downloadBlob, inlineImageBlob } from './inertFile'
import { t } from '../i18n/activeLanguage'
import './attachments.css'

interface Props {
  attachments: readonly AttachmentDescriptor[]
  /** Names the list for assistive technology ("Attachments"). */
  label?: string
}

/**
 * An incident's files: a thumbnail for images, the size, and a link that saves the bytes this
 * desk holds. A file whose bytes have not reached this desk yet (attached on another desk and
 * not downloaded) says so instead of offering a broken link.
 */
export function AttachmentList({ attachments, label = t('attachments.label') }: Props) {
  if (attachments.length === 0) return null
  return (
    <ul className="attachment-list" aria-label={label}>
      {attachments.map((attachment) => (
        <AttachmentItem key={attachment.attachmentId} attachment={attachment} />
      ))}
    </ul>
  )
}

function AttachmentItem({ attachment }: { attachment: AttachmentDescriptor }) {
  const { data } = useDesk()
  // null: looked and not here; undefined: still looking. Asked again when bytes arrive (fetched here or by another tab).
  const blob = useDeskQuery(async () => (await data.attachmentBytes(attachment.sha256)) ?? null, [data, attachment.sha256], ['attachments'])
  // Inert on purpose (inertFile.ts): thumbnails only of raster images, links only to plain bytes.
  const thumbnail = useMemo(() => inlineImageBlob(blob ?? null, attachment.mediaType), [blob, attachment.mediaType])
  const saved = useMemo(() => downloadBlob(blob ?? null), [blob])
  const imageSource = useObjectUrlRef<HTMLImageElement>(thumbnail, 'src')
  const linkTarget = useObjectUrlRef<HTMLAnchorElement>(saved, 'href')

  return (
    <li className="attachment-list__item">
      <span className="attachment-list__thumb" aria-hidden="true">
        {thumbnail ? <img ref={imageSource} alt="" /> : <span className="attachment-list__icon">{extensionOf(attachment.name)}</span>}
      </span>
      <span className="attachment-list__text">
        {blob ? (
          <a ref={linkTarget} className="attachment-list__name" download={attachment.name}>
            {attachment.name}
          </a>
        ) : (
          <span className="attachment-list__name">{attachment.name}</span>
        )}
        <span className="attachment-list__meta">
          {formatBytes(attachment.size)}
          {blob === null ? ` · ${t('attachments.notHereYet')}` : null}
        </span>
        {blob === null ? <FetchFromServer attachment={attachment} /> : null}
      </span>
    </li>
  )
}

/**
 * A file attached on another desk: its bytes come from the sync server when someone asks,
 * never all at once on sync (a field laptop on a phone connection should not pull every photo).
 */
function FetchFromServer({ attachment }: { attachment: AttachmentDescriptor }) {
  const { data } = useDesk()
  const platform = usePlatform()
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  async function fetchIt(): Promise<void> {
    setState({ busy: true, error: null })
    try {
      await data.downloadAttachment(Comlink.proxy(platform.attachments), { sha256: attachment.sha256, name: attachment.name, mediaType: attachment.mediaType })
      setState({ busy: false, error: null })
    } catch (error) {
      setState({ busy: false, error: t('attachments.fetchFailed', { name: attachment.name, reason: error instanceof Error ? error.message : String(error) }) })
    }
  }
  return (
    <>
      <button type="button" className="button button--small button--quiet" onClick={() => void fetchIt()} disabled={state.busy} aria-label={t('attachments.fetchLabel', { name: attachment.name })}>
        {state.busy ? t('attachments.fetching') : t('attachments.fetch')}
      </button>
      {state.error ? (
        <span role="alert" className="attachment-list__error">
          {state.error}
        </span>
      ) : null}
    </>
  )
}

/**
 * A ref that points an element's `src` or `href` at an object URL for `blob`, revoked when the
 * element goes away or the blob changes (React 19 ref cleanup), so previews do not leak memory.
 * A ref rather than state: the URL is a resource tied to the element, not something to render.
 */
export function useObjectUrlRef<T extends HTMLImageElement | HTMLAnchorElement>(blob: Blob | null, attribute: 'src' | 'href'): (element: T | null) => (() => void) | undefined {
  return useCallback(
    (element: T | null) => {
      if (!element || !blob) return undefined
      const url = URL.createObjectURL(blob)
      element.setAttribute(attribute, url)
      return () => {
        element.removeAttribute(attribute)
        URL.revokeObjectURL(url)
      }
    },
    [blob, attribute],
  )
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1, dot + 5).toUpperCase() : 'FILE'
}
