import fs from 'node:fs'
import path from 'node:path'
import { build, type Plugin } from 'esbuild'
import { DEPLOYED_FUNCTIONS, FUNCTIONS_DIR, ROOT, kib } from './sizes'

/** The only runtime dependency of a deployed function; CloudBase installs it (installDependency: true). */
const WX_SERVER_SDK = '~4.0.2'

/**
 * zod re-exports every locale as `z.locales`, and esbuild cannot drop the unused ones from that namespace
 * (≈ 260 KB minified). The functions use only zh-CN (types/zod-setup.ts imports it directly), so the
 * `z.locales` namespace (and only it) is replaced by an empty module. Webpack (the weapp build) already drops them.
 */
const zodLocalesStub: Plugin = {
  name: 'zod-locales-stub',
  setup(b) {
    // zod/v4/classic and zod/v4/core both re-export the namespace as `../locales/index.js`
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(path.join('zod', 'v4', '')) ? { path: 'zod-locales', namespace: 'stub' } : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export {}', loader: 'js' }))
  },
}

/**
 * Bundles each cloud function into a self-contained folder under dist/cloudfunctions/<name>/: index.js
 * (our code, zod and dayjs inlined; wx-server-sdk external) and a package.json that depends only on
 * wx-server-sdk — what `tcb fn deploy` and WeChat DevTools upload.
 */
async function main() {
  fs.rmSync(FUNCTIONS_DIR, { recursive: true, force: true })
  for (const name of DEPLOYED_FUNCTIONS) {
    const started = Date.now()
    const outDir = path.join(FUNCTIONS_DIR, name)
    const result = await build({
      entryPoints: [path.join(ROOT, 'cloudfunctions', name, 'index.ts')],
      outfile: path.join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      external: ['wx-server-sdk'],
      plugins: [zodLocalesStub],
      metafile: true,
      logLevel: 'warning',
    })
    const inputs = Object.keys(result.metafile.inputs)
    const leaked = inputs.filter((p) => /better-sqlite3|local\/|store\/sqlite/.test(p))
    if (leaked.length > 0) throw new Error(`${name}: bundle pulls in local-only code: ${leaked.join(', ')}`)
    fs.writeFileSync(
      path.join(outDir, 'package.json'),
      `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': WX_SERVER_SDK } }, null, 2)}\n`,
    )
    // openapi permissions and timer triggers travel with the function
    const functionConfig = path.join(ROOT, 'cloudfunctions', name, 'config.json')
    if (fs.existsSync(functionConfig)) fs.copyFileSync(functionConfig, path.join(outDir, 'config.json'))
    const bytes = fs.statSync(path.join(outDir, 'index.js')).size
    console.log(
      `function ${name.padEnd(9)} ${String(bytes).padStart(8)} bytes (${kib(bytes)}) in ${Date.now() - started} ms`,
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
