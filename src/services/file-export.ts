/*
 * Saving an export, h5 (and default) build: the browser downloads the file. The weapp build uses
 * file-export.weapp.ts (a file in the app's own storage, sent on through WeChat's file message).
 */

export type ExportKind = 'json' | 'csv'

const TYPES: Record<ExportKind, string> = { json: 'application/json', csv: 'text/csv' }

/** Hands the file to the person: a download named `<fileName>.<kind>`. */
export function saveExport(fileName: string, kind: ExportKind, content: string): Promise<void> {
  const blob = new Blob([content], { type: `${TYPES[kind]};charset=utf-8` })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `${fileName}.${kind}`
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return Promise.resolve()
}
