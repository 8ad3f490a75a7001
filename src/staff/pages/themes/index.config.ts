export default definePageConfig({ navigationBarTitleText: '本周主题' })
