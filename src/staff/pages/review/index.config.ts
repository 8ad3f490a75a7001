export default definePageConfig({ navigationBarTitleText: '小哥审核' })
