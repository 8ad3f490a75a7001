export default definePageConfig({ navigationBarTitleText: '兑换管理' })
