import { useState } from 'react'
import { Text, View } from '@tarojs/components'
// The form first: its components' styles then come in the order every other page has them (chips before lists).
import ReportForm from './report-form'
import MyReports from './my-reports'
import './index.css'

/**
 * 随手拍 (courier): report a hazard seen on the round — category, what and where, optionally a photo — and see
 * below how the community decided earlier reports (an accepted one earns points).
 */
export default function ReportPage() {
  const [version, setVersion] = useState(0)
  return (
    <View className='page report-page'>
      <View className='page-header'>
        <Text className='page-header__title'>随手拍</Text>
        <Text className='page-header__hint'>发现隐患，告诉社区</Text>
      </View>
      <ReportForm onSubmitted={() => setVersion((v) => v + 1)} />
      <Text className='report-page__section'>我的随手拍</Text>
      <MyReports version={version} />
    </View>
  )
}
