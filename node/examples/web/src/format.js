/** 3145728 → "3.0 MiB". */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`
  return bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`
}
