import { createRouter } from '../shared/handler'
import { listManaged, saveMeal, saveRoom, saveStation, setRoomUnits } from './manage'
import { nearbyMeals } from './nearby-meals'
import { nearbyRooms } from './nearby-rooms'
import { nearbyStations } from './nearby-stations'
import { placeDetail } from './place-detail'
import { copyLastWeekTheme, getTheme, monthThemes, saveTheme, withdrawTheme } from './themes'

/** services: stations, meals, rooms and weekly service themes. */
export const servicesRouter = createRouter('services', {
  nearbyStations,
  nearbyMeals,
  nearbyRooms,
  placeDetail,
  saveTheme,
  withdrawTheme,
  copyLastWeekTheme,
  getTheme,
  monthThemes,
  listManaged,
  saveStation,
  saveMeal,
  saveRoom,
  setRoomUnits,
})
