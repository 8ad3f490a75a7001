import { TEST_NOW } from './clock'

/** A valid request for every action, so the walk below reaches the policy check with good input. */
export const VALID_REQUESTS: Record<string, Record<string, unknown>> = {
  'account.me': {},
  'account.listCommunities': {},
  'account.register': {
    name: '测试小哥',
    phone: '13900000000',
    platform: '美团',
    riderId: 'MT-1',
    communityId: 'ruanjiaqiao',
    photoUrl: 'local:FacePhotoOfTheTestRider0',
    consentPrivacy: true,
    consentMovement: true,
  },
  'account.reviewQueue': { communityId: 'ruanjiaqiao' },
  'account.review': { courierId: 'demo-courier-pending', decision: 'approve' },
  'account.replacePhoto': { photo: 'local:FacePhotoOfTheTestRider1' },
  'account.reviewPhoto': { courierId: 'demo-courier', decision: 'approve' },
  'account.myCommunities': {},
  'account.saveCommunity': {
    name: '测试社区',
    street: '祥符街道',
    district: '拱墅区',
    city: '杭州市',
    location: { lat: 30.32, lng: 120.14 },
  },
  'account.createInvitation': { communityId: 'ruanjiaqiao', role: 'guard', gateId: 'gate-rjq-south' },
  'account.listInvitations': { communityId: 'ruanjiaqiao' },
  'account.revokeInvitation': { invitationId: 'not-an-invitation' },
  'account.invitationInfo': { code: 'XGI1.AAAAAAAAAAAAAAAAAAAAAA' },
  'account.acceptInvitation': { code: 'XGI1.AAAAAAAAAAAAAAAAAAAAAA', name: '王师傅' },
  'account.listStaff': { communityId: 'ruanjiaqiao' },
  'account.revokeStaff': { staffId: 'not-a-staff-member' },
  'account.staffTodo': { communityId: 'ruanjiaqiao' },
  'account.myData': {},
  'account.exportMyData': {},
  'account.setMovementConsent': { given: false },
  'account.deleteMyAccount': { confirm: '注销' },
  'pass.issue': {},
  'pass.issueSupply': {},
  'pass.statusList': {},
  'pass.uploadOfflineChecks': {
    checks: [{ checkId: 'policy-check-000001', token: 'XG1.not-a-code', checkedAt: 0, verdict: 'refused' }],
  },
  'pass.verify': { token: 'XG1.not-a-token' },
  'pass.publicKeys': {},
  'pass.accessLog': { communityId: 'ruanjiaqiao' },
  'pass.listGates': { communityId: 'ruanjiaqiao' },
  'pass.saveGate': { communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south', name: '南门（东侧）' },
  'pass.placeCode': { gateId: 'gate-rjq-north' },
  'pass.enterByPlace': { placeCode: 'XGG1.not-a-code' },
  'services.nearbyStations': { location: { lat: 30.3196, lng: 120.1416 } },
  'services.nearbyMeals': { location: { lat: 30.3196, lng: 120.1416 }, openNow: true, maxPriceFen: 1000 },
  'services.nearbyRooms': { location: { lat: 30.3196, lng: 120.1416 }, availableOnly: true },
  'services.placeDetail': { kind: 'station', id: 'st-gege-yintai', location: { lat: 30.3196, lng: 120.1416 } },
  'services.saveTheme': {
    stationId: 'st-xiangfu',
    title: '暖心理发周',
    description: '志愿者为小哥免费理发',
    slots: [{ date: '2026-11-25', start: '14:00', end: '17:00', title: '免费理发' }],
    publish: true,
  },
  'services.withdrawTheme': { stationId: 'st-gege-yintai' },
  'services.copyLastWeekTheme': { stationId: 'st-gege-yintai', week: '2026-W49' },
  'services.getTheme': { stationId: 'st-gege-yintai' },
  'services.monthThemes': { communityId: 'ruanjiaqiao' },
  'services.listManaged': { communityId: 'ruanjiaqiao', kind: 'station' },
  'services.saveStation': {
    communityId: 'ruanjiaqiao',
    name: '阮家桥夜间驿站',
    address: '杭州市拱墅区阮家桥路 1 号',
    location: { lat: 30.305, lng: 120.112 },
    hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '02:00' }] },
    amenities: ['热水', '充电'],
  },
  'services.saveMeal': {
    communityId: 'ruanjiaqiao',
    name: '阮家桥邻里食堂',
    address: '杭州市拱墅区阮家桥路 2 号',
    location: { lat: 30.305, lng: 120.112 },
    hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5], start: '11:00', end: '13:30' }] },
    dish: '一荤两素',
    priceFen: 990,
  },
  'services.saveRoom': {
    communityId: 'ruanjiaqiao',
    name: '阮家桥暖心房',
    address: '杭州市拱墅区阮家桥路 3 号',
    location: { lat: 30.305, lng: 120.112 },
    hours: { kind: 'always' },
    unitType: '单间',
    monthlyRentFen: 90_000,
    marketRentFen: 150_000,
    unitsAvailable: 3,
    conditions: '面向新就业群体',
  },
  'services.setRoomUnits': { roomId: 'room_not_there', unitsAvailable: 2 },
  'points.listActivities': { communityId: 'ruanjiaqiao' },
  'points.saveActivity': {
    communityId: 'ruanjiaqiao',
    title: '平安夜巡',
    kind: '平安夜巡',
    description: '',
    place: '阮家桥社区',
    startAt: TEST_NOW + 2 * 86_400_000,
    endAt: TEST_NOW + 2 * 86_400_000 + 7_200_000,
    capacity: 10,
    points: 5,
  },
  'points.cancelActivity': { activityId: 'act-demo-patrol', reason: '天气原因' },
  'points.signUp': { activityId: 'act-demo-patrol' },
  'points.withdraw': { activityId: 'act-demo-patrol' },
  'points.listSignups': { activityId: 'act-demo-patrol' },
  'points.attend': { activityId: 'act-demo-patrol', courierId: 'demo-courier' },
  'points.myPoints': {},
  'points.listItems': { communityId: 'ruanjiaqiao' },
  'points.saveItem': { stationId: 'st-gege-yintai', name: '纸巾', cost: 3, stock: 10 },
  'points.redeem': { itemId: 'item-demo-water', requestKey: 'policy-walk-0001' },
  'points.myRedemptions': {},
  'points.confirmPickup': { stationId: 'st-gege-yintai', pickupCode: '123456' },
  'points.cancelRedemption': { redemptionId: 'rd_not_there' },
  'points.ranking': { communityId: 'ruanjiaqiao' },
  'points.submitReport': { category: '消防通道堵塞', text: '3 幢楼道堆放纸箱，堵住了消防通道' },
  'points.listReports': {},
  'points.reviewReport': { reportId: 'rp_not_there', decision: 'accept' },
  'points.addWish': { stationId: 'st-gege-yintai', name: '洗衣液' },
  'points.listWishes': { communityId: 'ruanjiaqiao' },
  'points.listStations': { communityId: 'ruanjiaqiao' },
  'points.myNotices': {},
  'points.markNoticesRead': {},
}

/** Domain answers that still prove the policy let the caller in (the sample request does not fit them). */
export const ALLOWED_DOMAIN_ERRORS: Record<string, string[]> = {
  'account.register': ['ALREADY_REGISTERED'], // the demo courier is registered already
  'account.reviewPhoto': ['INVALID_STATE'], // the demo courier has no replacement photo waiting
  'account.revokeInvitation': ['NOT_FOUND'], // no invitation has the sample id
  'account.invitationInfo': ['INVITATION_INVALID'], // nor the sample code
  'account.acceptInvitation': ['INVITATION_INVALID'],
  'account.revokeStaff': ['NOT_FOUND'], // nor is anyone on the roster under the sample id
  'account.deleteMyAccount': ['INVALID_STATE'], // staff must be relieved of their role first
  'pass.issue': ['NOT_APPROVED'], // only the approved demo courier gets a code
  'pass.issueSupply': ['NOT_APPROVED'],
  'points.attend': ['ACTIVITY_CLOSED'], // the sample activity has not started yet
  'points.confirmPickup': ['NOT_FOUND'], // no redemption holds the sample code
  'points.cancelRedemption': ['NOT_FOUND'], // nor is there such a redemption
  'points.reviewReport': ['NOT_FOUND'], // nor such a report
  'points.listReports': ['NOT_FOUND'], // an admin names no community and, being no courier, has no reports
  // the seeded rooms are 吴家墩's, which has no demo secretary: a room that does not exist is NOT_FOUND for
  // every role the rule admits (services-manage.test.ts marks real rooms)
  'services.setRoomUnits': ['NOT_FOUND'],
}
