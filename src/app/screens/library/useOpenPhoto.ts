// One photo opened large: its full image (fetched on open, its URL revoked on close), its
// state now and its uses so far; using it (recorded by the server before the image leaves the
// tablet) and, for the manager, recording a parent's approval of a publicity photo.
import { useCallback, useEffect, useState } from 'react'
import {
  libraryFileName,
  type LibraryPhotoDetail,
  type RecordApprovalRequest,
  type RecordUseRequest,
  type UseRefusalWire,
} from '../../../protocol/index.ts'
import type { LibraryClient } from '../../../sync/index.ts'
import { downloadFile } from '../audit/downloadFile.ts'

export type UseOutcome =
  { ok: true; message: string } | { ok: false; message: string; reasons: UseRefusalWire[] }

export function useOpenPhoto(client: LibraryClient, photoId: string) {
  const [detail, setDetail] = useState<LibraryPhotoDetail | null>(null)
  const [image, setImage] = useState<{ blob: Blob; url: string } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<UseOutcome | null>(null)
  const [busy, setBusy] = useState(false)

  const refresh = useCallback(async () => {
    const answer = await client.detail(photoId)
    if (answer.ok) setDetail(answer.value)
    else setProblem(answer.error.message)
  }, [client, photoId])

  useEffect(() => {
    let cancelled = false
    void client.detail(photoId).then((answer) => {
      if (cancelled) return
      if (answer.ok) setDetail(answer.value)
      else setProblem(answer.error.message)
    })
    return () => {
      cancelled = true
    }
  }, [client, photoId])

  useEffect(() => {
    let url: string | null = null
    let cancelled = false
    void client.image(photoId, 'image').then((answer) => {
      if (cancelled) return
      if (!answer.ok) {
        setProblem(answer.error.message)
        return
      }
      url = URL.createObjectURL(answer.value)
      setImage({ blob: answer.value, url })
    })
    return () => {
      cancelled = true
      if (url !== null) URL.revokeObjectURL(url)
    }
  }, [client, photoId])

  /** Records the use; only once the server allowed it does the image leave (download, share). */
  async function use(request: RecordUseRequest): Promise<void> {
    if (busy || detail === null) return
    setBusy(true)
    setOutcome(null)
    try {
      const answer = await client.recordUse(photoId, request)
      if (!answer.ok) {
        setOutcome({
          ok: false,
          message: answer.error.message,
          reasons: answer.error.reasons ?? [],
        })
        return
      }
      const fileName = libraryFileName(detail.photo)
      if (request.action === 'download' && image !== null) {
        downloadFile(fileName, [image.blob], 'image/jpeg')
        setOutcome({ ok: true, message: `Recorded. ${fileName} is in your downloads.` })
      } else if (request.action === 'share' && image !== null) {
        const file = new File([image.blob], fileName, { type: 'image/jpeg' })
        await navigator.share({ files: [file] }).catch((error: unknown) => {
          console.info('Share closed', error)
        })
        setOutcome({ ok: true, message: `Recorded as shared to ${request.place}.` })
      } else {
        setOutcome({ ok: true, message: 'Recorded. The use is in the setting’s daily audit.' })
      }
      await refresh()
    } finally {
      setBusy(false)
    }
  }

  async function approve(request: RecordApprovalRequest): Promise<UseOutcome> {
    const answer = await client.recordApproval(photoId, request)
    if (!answer.ok) return { ok: false, message: answer.error.message, reasons: [] }
    await refresh()
    return { ok: true, message: 'Approval recorded.' }
  }

  const canShare =
    image !== null &&
    typeof navigator.canShare === 'function' &&
    navigator.canShare({ files: [new File([image.blob], 'photo.jpg', { type: 'image/jpeg' })] })

  return { detail, imageUrl: image?.url ?? null, problem, outcome, busy, use, approve, canShare }
}
