export default definePageConfig({ navigationBarTitleText: '月月换主题' })
