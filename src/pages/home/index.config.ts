export default definePageConfig({ navigationBarTitleText: '小哥友好' })
