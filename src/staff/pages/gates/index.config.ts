export default definePageConfig({ navigationBarTitleText: '门岗管理' })
