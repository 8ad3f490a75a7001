/**
 * Taro plugin (weapp): leaves `scroll-view` out of base.wxml unless the app imports ScrollView.
 *
 * WXML cannot recurse, so Taro writes base.wxml's templates once per nesting level (16 levels); a component in
 * that file costs its template, with every attribute and event binding, at each level where it may nest. Taro
 * always includes a few components whether or not they are used, and `scroll-view` is the heaviest of them: about
 * 2.4 KB per level, 35 KB of base.wxml, in the main package. Nothing here uses it (no `ScrollView` from
 * @tarojs/components, no innerHTML that could create one, see `mini.runtime` in config/index.ts). Taro still adds a
 * component to the list when the code imports it, so a ScrollView written later gets its template back.
 */

/** The part of Taro's plugin context used here (its `modifyComponentConfig` hook is not in Taro's types). */
interface PluginContext {
  modifyComponentConfig(fn: (args: { componentConfig: { includes: Set<string> } }) => void): void
}

export default function trimTemplates(ctx: PluginContext): void {
  ctx.modifyComponentConfig(({ componentConfig }) => {
    componentConfig.includes.delete('scroll-view')
  })
}
