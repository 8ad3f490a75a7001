import { useState } from 'react'
import { toCloudError } from '../services/cloud'
import { scanPassCode } from '../services/scan'

export type CodeCheckPhase<T> =
  { kind: 'idle' } | { kind: 'checking' } | { kind: 'result'; result: T } | { kind: 'error'; message: string }

export interface CodeCheck<T> {
  phase: CodeCheckPhase<T>
  checking: boolean
  /** Checks pasted or scanned text; resolves true when the cloud answered (the paste field then clears). */
  submit: (code: string) => Promise<boolean>
  /** Opens the camera (weapp) and checks what it read. */
  scan: () => Promise<void>
}

/**
 * Scan (with `scanner`) or paste a code, send it to `check`, and keep idle / checking / result / error apart;
 * one check at a time.
 */
export function useCodeCheck<T>(
  check: (code: string) => Promise<T>,
  scanner: () => Promise<string | null> = scanPassCode,
): CodeCheck<T> {
  const [phase, setPhase] = useState<CodeCheckPhase<T>>({ kind: 'idle' })
  const checking = phase.kind === 'checking'

  const submit = async (code: string): Promise<boolean> => {
    if (checking) return false
    setPhase({ kind: 'checking' })
    try {
      setPhase({ kind: 'result', result: await check(code.trim()) })
      return true
    } catch (error) {
      setPhase({ kind: 'error', message: toCloudError(error).message })
      return false
    }
  }

  const scan = async () => {
    if (checking) return
    try {
      const scanned = await scanner()
      if (scanned !== null) await submit(scanned)
    } catch (error) {
      setPhase({ kind: 'error', message: error instanceof Error ? error.message : '扫码失败，请重试' })
    }
  }

  return { phase, checking, submit, scan }
}
