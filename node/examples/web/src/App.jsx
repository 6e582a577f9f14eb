import { useCallback, useEffect, useRef, useState } from 'react'
import { describeError, getConfig, listFiles } from './api.js'
import DropZone from './DropZone.jsx'
import FileList from './FileList.jsx'
import UploadList from './UploadList.jsx'
import { createUploader } from './uploader.js'

// Test hooks: ?expiresIn=N is sent with every request to sign, and
// ?delayUploadMs=N waits that long between a signature and its request.
const query = new URLSearchParams(window.location.search)
const numberParam = (name) => (query.has(name) ? Number(query.get(name)) : undefined)
const uploader = getConfig().then((config) =>
  createUploader({ ...config, expiresIn: numberParam('expiresIn'), delayUploadMs: numberParam('delayUploadMs') }),
)

export default function App() {
  const [uppy, setUppy] = useState(null)
  const [uploads, setUploads] = useState([])
  const [files, setFiles] = useState([])
  const [status, setStatus] = useState('')
  const nextId = useRef(0)

  const refreshFiles = useCallback(
    () => listFiles().then(setFiles, (e) => setStatus(`Could not list the uploaded files: ${e.message}`)),
    [],
  )
  useEffect(() => void refreshFiles(), [refreshFiles])
  useEffect(() => {
    uploader.then(setUppy, (e) => setStatus(`The upload server is not answering: ${e.message}`))
  }, [])

  // Uppy's events → the list of uploads (one entry per file, by Uppy's file id).
  useEffect(() => {
    if (!uppy) return undefined
    const update = (fileId, patch) =>
      setUploads((all) => all.map((u) => (u.fileId === fileId ? { ...u, ...patch } : u)))
    const handlers = {
      'file-added': (file) =>
        setUploads((all) => [
          ...all,
          { id: nextId.current++, fileId: file.id, name: file.name, size: file.size, progress: 0, status: 'queued' },
        ]),
      'upload-progress': (file, { bytesUploaded, bytesTotal }) => {
        const { isPaused, s3Multipart: multipart } = uppy.getFile(file.id) ?? {}
        update(file.id, {
          progress: bytesTotal ? Math.floor((100 * bytesUploaded) / bytesTotal) : 0,
          ...(!isPaused && { status: 'uploading' }),
          ...(multipart && { key: multipart.key, uploadId: multipart.uploadId }),
        })
      },
      'upload-pause': (file, isPaused) => update(file.id, { status: isPaused ? 'paused' : 'uploading' }),
      'upload-success': (file, response) => {
        update(file.id, { progress: 100, status: 'done', key: response.body.key })
        setStatus(`Uploaded ${file.name}`)
        refreshFiles()
      },
      'upload-error': (file, error) => {
        const message = describeError(error)
        update(file.id, { status: 'error', error: message })
        setStatus(`${file.name}: ${message}`)
      },
      // A finished file leaves Uppy, so the same file can be picked again.
      complete: ({ successful = [], failed = [] }) =>
        [...successful, ...failed].forEach((f) => uppy.getFile(f.id) && uppy.removeFile(f.id)),
    }
    Object.entries(handlers).forEach(([event, handler]) => uppy.on(event, handler))
    return () => Object.entries(handlers).forEach(([event, handler]) => uppy.off(event, handler))
  }, [uppy, refreshFiles])

  function addFiles(fileList) {
    const picked = Array.from(fileList)
    if (picked.length === 0 || !uppy) return
    setStatus(`Uploading ${picked.length} file${picked.length > 1 ? 's' : ''}…`)
    for (const file of picked) {
      try {
        uppy.addFile({ name: file.name, type: file.type, data: file, source: 'Local' })
      } catch (e) {
        setStatus(`${file.name}: ${e.message}`)
      }
    }
  }

  const controls = {
    pauseResume: (u) => uppy.pauseResume(u.fileId),
    // Removing the file makes Uppy abort it, and abort its multipart upload in the bucket.
    cancel: (u) => {
      uppy.removeFile(u.fileId)
      setUploads((all) => all.map((x) => (x.id === u.id ? { ...x, status: 'cancelled' } : x)))
      setStatus(`Cancelled ${u.name}`)
    },
  }

  return (
    <main>
      <h1>presigner demo</h1>
      <p className="lead">
        Files go straight from your browser to the bucket: Uppy uploads them, the server signs each request.
      </p>
      <DropZone onFiles={addFiles} disabled={!uppy} />
      <p role="status" aria-live="polite" className="status" data-testid="status">{status}</p>
      <UploadList uploads={uploads} controls={controls} />
      <FileList files={files} />
    </main>
  )
}
