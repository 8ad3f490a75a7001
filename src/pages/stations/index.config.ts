export default definePageConfig({
  navigationBarTitleText: '附近服务',
  enablePullDownRefresh: true,
})
