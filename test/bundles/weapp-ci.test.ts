import dns from 'node:dns'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import * as ci from 'miniprogram-ci'

/*
 * WeChat's own checks of dist/weapp, from miniprogram-ci (the compiler DevTools uses), offline:
 *  - app.json through its JSON schema and field checks (pages and subpackages exist, tabBar pages are pages,
 *    requiredPrivateInfos, window values…), every page's JSON through the page schema, sitemap.json through its
 *    schema: what DevTools refuses to compile or upload;
 *  - 代码质量扫描 (checkCodeQuality), the findings that matter for a phone's download.
 * Left out: preview, upload and the full compile (getCompiledResult). They need an AppID's upload key and WeChat's
 * servers; even the compile asks servicewechat.com for the project's attributes and for the list of allowed file
 * types. The checks here need neither: the test fails if anything tries to open a connection.
 */

const WEAPP = path.resolve(__dirname, '../../dist/weapp')
const APPID = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../project.config.json'), 'utf8')) as { appid: string }
).appid

/** The JSON checks are typed for DevTools' own project classes; a CI project is what they are given in CI. */
type PreCompileProject = Parameters<typeof ci.getAppJSON>[0]
type ReactiveProject = Parameters<typeof ci.getSiteMapJSON>[0]
interface AppJson {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  sitemapLocation?: string
}

/**
 * A project on a folder. `attr` (the AppID's limits, MaxCodeSize and the like) is what the project would otherwise
 * fetch from WeChat with a signature; miniprogram-ci's own defaults stand in. The key is never read by these checks,
 * but the constructor wants one.
 */
function projectOn(dir: string): ci.Project {
  const options: ConstructorParameters<typeof ci.Project>[0] & { attr: () => Promise<unknown> } = {
    appid: APPID,
    type: 'miniProgram',
    projectPath: dir,
    privateKey: 'unused: these checks sign nothing',
    attr: async () => ci.DefaultProjectAttr,
  }
  return new ci.Project(options)
}
const pre = (project: ci.Project) => project as unknown as PreCompileProject

// Every outgoing connection or DNS lookup is refused at once (so nothing can hang) and recorded.
const attempts: string[] = []
// eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was; always called on a socket
const realConnect = net.Socket.prototype.connect
const realLookup = dns.lookup
// The code analyser behind checkCodeQuality leaves a chokidar watcher on the folder; closed after the tests. Its
// chokidar is resolved from miniprogram-ci, so that this is the very module instance it requires.
const requireHere = createRequire(__filename)
const chokidarPath = requireHere.resolve('chokidar', { paths: [path.dirname(requireHere.resolve('miniprogram-ci'))] })
interface Watcher {
  close(): Promise<void>
}
const chokidar = requireHere(chokidarPath) as { watch: (...args: unknown[]) => Watcher }
const realWatch = chokidar.watch
const watchers: Watcher[] = []

beforeAll(() => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const [target] = args
    const where = typeof target === 'object' && target ? JSON.stringify(target) : String(target)
    if (!where.includes('"path"')) {
      attempts.push(`connect ${where}`)
      process.nextTick(() => this.destroy(new Error(`weapp-ci test: no network (${where})`)))
      return this
    }
    return realConnect.apply(this, args as Parameters<typeof realConnect>)
  }
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    attempts.push(`lookup ${hostname}`)
    const callback = rest[rest.length - 1] as (error: Error) => void
    process.nextTick(() =>
      callback(Object.assign(new Error(`weapp-ci test: no DNS (${hostname})`), { code: 'ENOTFOUND' })),
    )
  }) as typeof dns.lookup
  chokidar.watch = (...args: unknown[]) => {
    const watcher = realWatch(...args)
    watchers.push(watcher)
    return watcher
  }
})

afterAll(async () => {
  net.Socket.prototype.connect = realConnect
  dns.lookup = realLookup
  chokidar.watch = realWatch
  await Promise.all(watchers.map((watcher) => watcher.close()))
})

describe('miniprogram-ci on dist/weapp, offline', () => {
  const appJson = JSON.parse(fs.readFileSync(path.join(WEAPP, 'app.json'), 'utf8')) as AppJson

  it('accepts app.json: its schema and its field checks', async () => {
    const checked = (await ci.getAppJSON(pre(projectOn(WEAPP)))) as unknown as AppJson
    expect(checked.pages).toEqual(appJson.pages)
    expect(checked.sitemapLocation).toBe('sitemap.json')
  })

  it('accepts project.config.json, which has DevTools debug on the minimum base library (README)', () => {
    const config = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../project.config.json'), 'utf8')) as {
      libVersion?: string
    }
    expect(ci.schemaValidate('projectconfig', config)).toMatchObject({ error: [] })
    expect(config.libVersion).toBe('2.23.1')
  })

  it('ships no demo-login page (h5 only) and nothing that names it', () => {
    expect(appJson.pages).not.toContain('pages/demo-login/index')
    const all = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? all(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    const files = all(WEAPP)
    expect(files.filter((file) => file.includes('demo-login'))).toEqual([])
    expect(
      files.filter((file) => !file.endsWith('.png') && fs.readFileSync(file, 'utf8').includes('demo-login')),
    ).toEqual([])
  })

  it('accepts every page’s JSON, in the main package and the subpackages', async () => {
    const project = pre(projectOn(WEAPP))
    const pages = [
      ...appJson.pages,
      ...(appJson.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`)),
    ]
    expect(pages.length).toBeGreaterThan(15)
    for (const pagePath of pages) {
      const page = (await ci.getPageJSON(project, { miniprogramRoot: '', pagePath })) as { usingComponents?: object }
      expect(page).toHaveProperty('usingComponents')
    }
  })

  it('accepts sitemap.json: services pages only, everything else not indexed', () => {
    const sitemap = ci.getSiteMapJSON(projectOn(WEAPP) as unknown as ReactiveProject)
    expect(sitemap.rules).toEqual([
      { action: 'allow', page: 'pages/stations/index' },
      { action: 'allow', page: 'courier/pages/place/index', params: ['kind', 'id'], matching: 'exact' },
      { action: 'disallow', page: '*' },
    ])
  })

  it('refuses an app.json WeChat would refuse (so the checks above are real)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-ci-'))
    // miniprogram-ci logs the refusal with its stack before it rejects
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => {})
    try {
      fs.cpSync(WEAPP, dir, { recursive: true })
      const broken = {
        ...appJson,
        window: { navigationBarTextStyle: 'blue' },
        pages: [...appJson.pages, 'pages/nope/index'],
      }
      fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify(broken))
      await expect(ci.getAppJSON(pre(projectOn(dir)))).rejects.toThrow(/navigationBarTextStyle/)
    } finally {
      quiet.mockRestore()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('passes the code-quality findings that matter for a phone’s download', async () => {
    const results = await ci.checkCodeQuality(projectOn(WEAPP))
    const byName = new Map(results.map((r) => [String(r.name), r]))
    const detail = (name: string) => byName.get(name)?.detail as Record<string, unknown> | unknown[] | undefined
    // Main package (each subpackage counted apart) under the checker's 1.5 MB; images and audio under 200 KB.
    expect(byName.get('PACKAGE_SIZE_LIMIT')).toMatchObject({ success: true })
    expect(byName.get('IMAGE_AND_AUDIO_LIMIT')).toMatchObject({ success: true })
    // Nothing in the main package that only a subpackage uses (it would belong in that subpackage).
    expect(byName.get('CONTAINS_OTHER_PKG_JS')).toMatchObject({ success: true, detail: { size: 0, files: [] } })
    expect(detail('CONTAINS_OTHER_PKG_COMPONENTS')).toMatchObject({ comps: [] })
    // No unused plugins, components or files. (The checker passes the unused-files item whatever it finds unless
    // project.config.json turns "ignore unused files" off, so its list is what is checked.)
    expect(byName.get('CONTAINS_UNUSED_PLUGINS')).toMatchObject({ success: true })
    expect(byName.get('CONTAINS_UNUSED_COMPONENTS')).toMatchObject({ success: true })
    expect(detail('CONTAINS_UNUSED_CODES')).toEqual([])
    /*
     * Not required: JS/WXML/WXSS_COMPRESS_OPEN read DevTools' upload settings (Taro already minifies the JS and the
     * WXSS), and LAZYCODE_LOADING_OPEN ("requiredComponents") blanks Taro pages (NervJS/taro#10885).
     */
    expect([...byName.keys()].sort()).toEqual(
      expect.arrayContaining(['JS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN']),
    )
  })

  it('opened no connection and looked up no host', () => {
    expect(attempts).toEqual([])
  })

  it('would have seen one: the guard refuses and records a lookup and a connection', async () => {
    const lookup = new Promise<unknown>((resolve) => dns.lookup('servicewechat.com', (error) => resolve(error)))
    await expect(lookup).resolves.toMatchObject({ code: 'ENOTFOUND' })
    const socket = net.connect({ host: '192.0.2.1', port: 443 })
    await expect(new Promise((_, reject) => socket.once('error', reject))).rejects.toThrow(/no network/)
    expect(attempts).toEqual(['lookup servicewechat.com', expect.stringMatching(/^connect .*192\.0\.2\.1/)])
  })
})
