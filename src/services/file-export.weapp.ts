import Taro from '@tarojs/taro'

/*
 * Saving an export in WeChat: the file is written to the app's own storage (USER_DATA_PATH) and handed to
 * wx.shareFileMessage, which sends it to a chat (文件传输助手 or oneself) from where it can be saved or opened;
 * a mini-program cannot write to the phone's shared folders.
 */

export type ExportKind = 'json' | 'csv'

export async function saveExport(fileName: string, kind: ExportKind, content: string): Promise<void> {
  const name = `${fileName}.${kind}`
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`
  Taro.getFileSystemManager().writeFileSync(filePath, content, 'utf8')
  try {
    await Taro.shareFileMessage({ filePath, fileName: name })
  } catch (error) {
    // Closing the chat picker is no failure: the file stays ready for the next try.
    const message = (error as { errMsg?: string })?.errMsg ?? ''
    if (/cancel/i.test(message)) return
    throw new Error('无法发送文件，请稍后重试', { cause: error })
  }
}
