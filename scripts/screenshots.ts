import fs from 'node:fs'
import path from 'node:path'
import { launchChromium } from '../test/e2e/browser'
import { startLocalCloud, tempDir } from '../test/e2e/harness'

/**
 * `npm run screenshots`: the pages at 390 × 844 (a common phone), as each demo identity sees them, into
 * docs/screens/ — for looking at what was built on a phone-sized screen. Needs the h5 build (`npm run build:h5`).
 *
 * A fresh machine has no Chinese font, so Chromium draws boxes. Point SCREENSHOT_FONT_DIR at an unpacked
 * `@fontsource/noto-sans-sc` (e.g. `npm pack @fontsource/noto-sans-sc && tar xzf fontsource-*.tgz`, then
 * SCREENSHOT_FONT_DIR=package) and the pages are drawn with it; nothing is downloaded while this runs.
 */
const SHOTS: Array<[name: string, openid: string, route: string]> = [
  ['home-courier', 'demo-courier', '/pages/home/index'],
  ['home-courier-pending', 'demo-courier-pending', '/pages/home/index'],
  ['home-guard', 'demo-guard', '/pages/home/index'],
  ['home-secretary', 'demo-secretary', '/pages/home/index'],
  ['home-manager', 'demo-manager', '/pages/home/index'],
  ['home-admin', 'demo-admin', '/pages/home/index'],
  ['home-visitor', 'o6_screenshot_visitor_001', '/pages/home/index'],
  ['gates', 'demo-manager', '/staff/pages/gates/index'],
  ['people', 'demo-secretary', '/staff/pages/people/index'],
  ['communities', 'demo-admin', '/staff/pages/communities/index'],
  ['gate-scan', 'demo-guard', '/staff/pages/gate-scan/index'],
  ['access-log', 'demo-manager', '/staff/pages/access-log/index'],
  ['points', 'demo-courier', '/courier/pages/points/index'],
  ['exchange', 'demo-courier', '/courier/pages/exchange/index'],
  ['pass-code', 'demo-courier', '/pass/pages/pass-code/index'],
  ['register', 'o6_screenshot_visitor_001', '/courier/pages/register/index'],
  ['my-data', 'demo-courier', '/courier/pages/my-data/index'],
]
const OUT = path.resolve(__dirname, '../docs/screens')

function fontCss(dir: string | undefined): string | null {
  if (!dir) return null
  return ['400', '700']
    .map((weight) =>
      fs.readFileSync(path.join(dir, `${weight}.css`), 'utf8').replace(/url\(\.\/files\//g, 'url(/__font/'),
    )
    .join('\n')
}

async function main() {
  const fontDir = process.env.SCREENSHOT_FONT_DIR
  const css = fontCss(fontDir)
  if (!css) console.warn('SCREENSHOT_FONT_DIR not set: Chinese text will show as boxes (see the header of this file)')
  fs.mkdirSync(OUT, { recursive: true })
  const cloud = await startLocalCloud(tempDir('xiaoge-screens-'))
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    if (fontDir) {
      await page.route('**/__font/**', (route) =>
        route.fulfill({ path: path.join(fontDir, 'files', path.basename(new URL(route.request().url()).pathname)) }),
      )
    }
    for (const [name, openid, route] of SHOTS) {
      await page.goto(`${cloud.url}/healthz`)
      await page.evaluate((id) => localStorage.setItem('demoOpenid', JSON.stringify({ data: id })), openid)
      await page.goto(`${cloud.url}/#${route}`)
      if (css) await page.addStyleTag({ content: `${css}\n* { font-family: "Noto Sans SC", sans-serif !important; }` })
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(1500)
      const file = path.join(OUT, `${name}.png`)
      await page.screenshot({ path: file })
      console.log(`${path.relative(process.cwd(), file)}  (${openid} on ${route})`)
    }
  } finally {
    await browser.close()
    await cloud.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
