import { nearestFirst, nextRadius, SEARCH_MAX_M } from '../../cloudfunctions/services/domain/nearby'

const origin = { lat: 30.3, lng: 120.1 }

describe('nearestFirst', () => {
  it('orders by distance and breaks ties by id, whatever the input order', () => {
    const east = { lat: 30.3, lng: 120.11 }
    const places = [
      { _id: 'c', location: east },
      { _id: 'far', location: { lat: 30.4, lng: 120.1 } },
      { _id: 'a', location: east },
      { _id: 'b', location: east },
    ]
    expect(nearestFirst(places, origin).map((p) => p.place._id)).toEqual(['a', 'b', 'c', 'far'])
    expect(nearestFirst([...places].reverse(), origin).map((p) => p.place._id)).toEqual(['a', 'b', 'c', 'far'])
  })
})

describe('nextRadius', () => {
  it('looks closer when the box was truncated by the read cap', () => {
    expect(nextRadius(3000, true, 0, 20)).toBe(1000)
  })
  it('looks further when too few places are within the radius', () => {
    expect(nextRadius(3000, false, 5, 20)).toBe(12000)
  })
  it('stops when enough were found or all of China was searched', () => {
    expect(nextRadius(3000, false, 20, 20)).toBeNull()
    expect(nextRadius(SEARCH_MAX_M, false, 3, 20)).toBeNull()
  })
})
