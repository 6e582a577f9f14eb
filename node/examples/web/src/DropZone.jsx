import { useEffect, useState } from 'react'

/** A file picker (several files) inside a drag-and-drop zone; `disabled` until the uploader is ready. */
export default function DropZone({ onFiles, disabled }) {
  const [over, setOver] = useState(false)
  // A file dropped beside the zone must not make the browser open it.
  useEffect(() => {
    const ignore = (e) => e.preventDefault()
    const events = ['dragover', 'drop']
    events.forEach((type) => window.addEventListener(type, ignore))
    return () => events.forEach((type) => window.removeEventListener(type, ignore))
  }, [])
  const stop = (e) => {
    e.preventDefault()
    e.stopPropagation()
  }
  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      data-testid="dropzone"
      onDragEnter={(e) => (stop(e), setOver(true))}
      onDragOver={(e) => (stop(e), setOver(true))}
      onDragLeave={(e) => (stop(e), setOver(false))}
      onDrop={(e) => {
        stop(e)
        setOver(false)
        onFiles(e.dataTransfer.files)
      }}
    >
      <p>Drop files here, or</p>
      <input
        id="file-input"
        type="file"
        className="visually-hidden"
        multiple
        disabled={disabled}
        onChange={(e) => {
          onFiles(e.target.files)
          e.target.value = '' // the same file can be picked again
        }}
      />
      <label htmlFor="file-input" className="button">
        Choose files
      </label>
    </div>
  )
}
