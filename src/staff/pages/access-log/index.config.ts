export default definePageConfig({ navigationBarTitleText: '通行记录' })
