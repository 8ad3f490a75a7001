export default definePageConfig({ navigationBarTitleText: '小哥码' })
