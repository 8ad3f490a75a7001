import { Button, Text, View } from '@tarojs/components'
import type { GeoPoint } from '../../../../types'
import { callPhone, NAVIGATION_AVAILABLE, openNavigation, PHONE_CALL_AVAILABLE } from '../../../services/navigation'

export interface ContactProps {
  name: string
  address: string
  location: GeoPoint
  phone?: string
}

/**
 * 电话 and 导航. WeChat dials and opens its map (navigation.weapp.ts); the h5 build offers the number as a tel:
 * link (a phone's browser dials it) and the GCJ-02 coordinates as text instead of a map.
 */
export default function Contact({ name, address, location, phone }: ContactProps) {
  return (
    <View className='card place-contact'>
      {phone ? (
        <View className='place-contact__row'>
          <Text className='place-contact__label'>电话</Text>
          {PHONE_CALL_AVAILABLE ? (
            <Button
              id='place-call'
              className='btn btn--plain btn--small place-contact__call'
              onClick={() => void callPhone(phone)}
            >
              拨打 {phone}
            </Button>
          ) : (
            <a className='place-contact__phone' href={`tel:${phone}`}>
              {phone}
            </a>
          )}
        </View>
      ) : (
        <Text className='muted place-contact__no-phone'>暂无联系电话</Text>
      )}
      {NAVIGATION_AVAILABLE ? (
        <Button
          id='place-navigate'
          className='btn btn--primary place-contact__navigate'
          onClick={() => void openNavigation({ name, address, location })}
        >
          导航去这里
        </Button>
      ) : (
        <Text className='muted place-contact__coords'>
          坐标（GCJ-02）：{location.lat.toFixed(6)}, {location.lng.toFixed(6)}
        </Text>
      )}
    </View>
  )
}
