/**
 * Mini-program codes (小程序码) come from WeChat: only CloudBase functions can ask for them, through
 * `cloud.openapi.wxacode.getUnlimited` (the function's config.json must list it under permissions.openapi).
 * The local cloud has no WeChat behind it and offers none, so pages fall back to a plain QR code there.
 */
export interface MiniProgramCodeRequest {
  /** At most 32 characters of [A-Za-z0-9!#$&'()*+,/:;=?@-._~]. */
  scene: string
  /** The page it opens, e.g. "pages/place-scan/index". */
  page: string
  envVersion: 'release' | 'trial' | 'develop'
}

export interface MiniProgramCodeImage {
  contentType: string
  buffer: Uint8Array
}

export type MakeMiniProgramCode = (request: MiniProgramCodeRequest) => Promise<MiniProgramCodeImage>

/** The part of wx-server-sdk's `cloud.openapi` used here. */
export interface WxacodeOpenApi {
  wxacode: {
    getUnlimited(options: {
      scene: string
      page: string
      checkPath: boolean
      envVersion: string
      width: number
    }): Promise<{ contentType?: string; buffer?: Uint8Array; errCode?: number; errMsg?: string }>
  }
}

/** `getUnlimited` as a MakeMiniProgramCode; a reply without an image is an error carrying WeChat's errCode. */
export function wxacodeMaker(openapi: WxacodeOpenApi): MakeMiniProgramCode {
  return async ({ scene, page, envVersion }) => {
    // checkPath false: the code may be made before this page version is released (trial, develop).
    const reply = await openapi.wxacode.getUnlimited({ scene, page, checkPath: false, envVersion, width: 430 })
    if (!reply.buffer || reply.buffer.length === 0) {
      throw new Error(`wxacode.getUnlimited gave no image (errCode ${reply.errCode ?? '?'}: ${reply.errMsg ?? ''})`)
    }
    return { contentType: reply.contentType ?? 'image/jpeg', buffer: reply.buffer }
  }
}

export function dataUrlOf(image: MiniProgramCodeImage): string {
  const type = /^image\/[a-z+.-]+$/.test(image.contentType) ? image.contentType : 'image/jpeg'
  return `data:${type};base64,${Buffer.from(image.buffer).toString('base64')}`
}
