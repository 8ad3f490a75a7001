import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../routes'
import NearbyServices from './nearby-services'

/** A visitor: the services anyone may use, and how to become a courier of a community. */
export default function VisitorHome() {
  return (
    <View className='home-visitor'>
      <View className='card home-status'>
        <Text className='home-status__title'>欢迎来到小哥友好</Text>
        <Text className='home-status__text'>
          附近的驿站、骑士餐和暖心房人人可用。注册成为小哥、通过社区审核后，可出示小哥码进小区、参加志愿活动赚积分。
        </Text>
        <Button
          id='home-register'
          className='btn btn--primary'
          onClick={() => void Taro.navigateTo({ url: ROUTES.register })}
        >
          注册成为小哥
        </Button>
      </View>
      <NearbyServices />
    </View>
  )
}
