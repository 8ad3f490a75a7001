/// <reference types="@tarojs/taro" />

// Ambient declarations for the Taro app (src/). The contract files beside this one never rely on them.

declare module '*.css'
declare module '*.png'
declare module '*.svg'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'quickapp' | 'qq' | 'jd'
  }
}

/** CloudBase environment id, injected by `defineConstants` in config/index.ts (jest: test/support/taro-h5/setup.js). */
declare const CLOUD_ENV: string

/** Subscribe-message template ids by name (SUBSCRIBE_TEMPLATE_IDS at build time), from `defineConstants`. */
declare const SUBSCRIBE_TEMPLATE_IDS: { review?: string; activity?: string; pickup?: string }
