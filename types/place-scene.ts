/**
 * The `scene` of a gate's 小程序码 (wxacode.getUnlimited): at most 32 characters from a small set, so it holds
 * no signature; it holds "g=" and the gate's random 16-character key instead (96 random bits, looked up on the
 * server). Like the printed plain-QR 场所码 it is a static value posted at the gate: knowing it is what
 * scanning the gate proves, nothing more.
 *
 * WeChat hands the scene to the page as `query.scene`, URL-encoded; scanning the code with the in-app scanner
 * gives a `path` like "gate/pages/place-scan/index?scene=g%3D…" instead.
 */
export const SCENE_PREFIX = 'g='
export const SCENE_KEY_LENGTH = 16
export const SCENE_KEY_PATTERN = /^[A-Za-z0-9_-]{16}$/
/** The page a 小程序码 opens (no leading slash, no query: WeChat's rule). */
export const PLACE_SCAN_PAGE = 'gate/pages/place-scan/index'

export function sceneOf(sceneKey: string): string {
  return SCENE_PREFIX + sceneKey
}

/** The gate's scene key in a scene string, or null when the text is not a gate scene. */
export function sceneKeyIn(text: string): string | null {
  if (!text.startsWith(SCENE_PREFIX)) return null
  const key = text.slice(SCENE_PREFIX.length)
  return SCENE_KEY_PATTERN.test(key) ? key : null
}

/**
 * The scene in what a page was opened with or a scanner read: a raw or URL-encoded `query.scene`, or a
 * mini-program path carrying `scene=`. Null when there is none or it cannot be decoded.
 */
export function sceneFrom(raw: string | undefined | null): string | null {
  if (!raw) return null
  let text = raw
  const query = raw.indexOf('?')
  if (query >= 0) {
    const match = /(?:^|&)scene=([^&]*)/.exec(raw.slice(query + 1))
    if (!match) return null
    text = match[1]
  }
  try {
    const decoded = decodeURIComponent(text)
    return decoded.length > 0 && decoded.length <= 32 ? decoded : null
  } catch {
    return null
  }
}
