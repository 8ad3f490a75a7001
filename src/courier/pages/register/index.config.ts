export default definePageConfig({ navigationBarTitleText: '注册小哥' })
