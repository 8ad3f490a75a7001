import fs from 'node:fs'
import path from 'node:path'
import { launchChromium } from '../test/e2e/browser'
import { toIndexedPng } from './png-palette'

/**
 * `npm run icons`: the tab bar's icons, from Lucide (lucide-static, ISC) rendered to PNG by the same Chromium the
 * e2e suite uses. WeChat's tab bar takes local images only (81 × 81 px, under 40 KB): one grey, one in the app's
 * colour for the selected tab. The PNGs are committed (src/assets/tab/); run this again after changing a glyph.
 */
const TABS = { home: 'house', services: 'map-pin', me: 'circle-user' } as const
const COLORS = { normal: '#5c5f66', active: '#c2410c' } as const
const SIZE = 81
const OUT = path.resolve(__dirname, '../src/assets/tab')
const ICONS = path.resolve(__dirname, '../node_modules/lucide-static/icons')

async function main() {
  fs.mkdirSync(OUT, { recursive: true })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 })
    for (const [tab, glyph] of Object.entries(TABS)) {
      const svg = fs.readFileSync(path.join(ICONS, `${glyph}.svg`), 'utf8')
      for (const [state, color] of Object.entries(COLORS)) {
        const sized = svg.replace(/width="24"/, `width="${SIZE - 12}"`).replace(/height="24"/, `height="${SIZE - 12}"`)
        await page.setContent(
          `<html><body style="margin:0;display:flex;align-items:center;justify-content:center;width:${SIZE}px;height:${SIZE}px;color:${color};background:transparent">${sized}</body></html>`,
        )
        const file = path.join(OUT, `${tab}${state === 'active' ? '-active' : ''}.png`)
        // Written indexed (same pixels, a third fewer bytes): the icons are in the weapp main package.
        fs.writeFileSync(file, toIndexedPng(await page.screenshot({ omitBackground: true })))
        console.log(`${path.relative(process.cwd(), file)} ${fs.statSync(file).size} bytes`)
      }
    }
  } finally {
    await browser.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
