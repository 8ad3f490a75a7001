import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CommunitiesPage from '../../src/staff/pages/communities'
import InvitePage from '../../src/staff/pages/invite'
import PeoplePage from '../../src/staff/pages/people'
import type { InvitationView, ListGatesOutput, MeOutput, StaffView } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests, typeInto } from './helpers'

const MANAGER: MeOutput = {
  openid: 'demo-manager',
  nickname: '赵经理',
  isNew: false,
  roles: [{ role: 'manager', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' }],
  courier: null,
}
const GATES: ListGatesOutput = {
  gates: [
    { id: 'gate-rjq-north', name: '北门', guards: [] },
    { id: 'gate-rjq-south', name: '南门', guards: [] },
  ],
}
const INVITATION: InvitationView = {
  id: 'inv-1',
  communityId: 'ruanjiaqiao',
  communityName: '阮家桥社区',
  role: 'guard',
  gateId: 'gate-rjq-south',
  gateName: '南门',
  createdByName: '赵经理',
  createdAt: Date.parse('2026-12-01T10:00:00+08:00'),
  expiresAt: Date.parse('2026-12-02T10:00:00+08:00'),
  state: 'open',
}
const WANG: StaffView = {
  id: 'staff-wang',
  name: '王师傅',
  role: 'guard',
  gateId: 'gate-rjq-north',
  gateName: '北门',
  grantedAt: Date.parse('2026-11-01T10:00:00+08:00'),
  grantedByName: '赵经理',
  isMe: false,
  canRevoke: true,
}
const CODE = 'XGI1.AAAAAAAAAAAAAAAAAAAAAA'

const params = (value: Record<string, string>) =>
  jest
    .spyOn(Taro, 'getCurrentInstance')
    .mockReturnValue({ router: { params: value } } as unknown as ReturnType<typeof Taro.getCurrentInstance>)

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-manager')
})
afterEach(() => jest.restoreAllMocks())

describe('人员管理 (people page)', () => {
  const roster = (over: Partial<{ staff: StaffView[]; invitations: InvitationView[] }> = {}) => ({
    'account.me': () => okReply(MANAGER),
    'account.listStaff': () => okReply({ staff: over.staff ?? [WANG], log: [], canInvite: ['guard'] }),
    'account.listInvitations': () => okReply({ invitations: over.invitations ?? [] }),
    'pass.listGates': () => okReply(GATES),
  })

  it('invites a guard for a chosen gate and shows the code once, with its expiry', async () => {
    const fetchMock = mockActions({
      ...roster(),
      'account.createInvitation': () =>
        okReply({ invitation: INVITATION, code: CODE, path: 'staff/pages/invite/index?code=AAAAAAAAAAAAAAAAAAAAAA' }),
    })
    const { container } = render(<PeoplePage />)
    await screen.findByText('邀请工作人员')
    // a manager may invite guards only
    expect(Array.from(container.querySelectorAll('.invite-role__option')).map((el) => el.textContent)).toEqual(['门岗'])
    fireEvent.click(container.querySelector('#invite-submit')!)
    expect(container.querySelector('.invite-form__error')?.textContent).toBe('请选择门岗人员负责的大门')
    fireEvent.click(await screen.findByText('南门'))
    typeInto(container.querySelector('#invite-note'), '李师傅')
    fireEvent.click(container.querySelector('#invite-submit')!)
    await waitFor(() => expect(container.querySelector('.invite-result')?.getAttribute('data-code')).toBe(CODE))
    expect(container.querySelector('.invite-result .qr-code')?.getAttribute('data-value')).toBe(CODE)
    expect(container.querySelector('.invite-result__expiry')?.textContent).toBe('12月2日 10:00 前有效，只能使用一次')
    expect(container.querySelector('.invite-share__link')?.textContent).toContain('#/staff/pages/invite/index?code=')
    expect(sentRequests(fetchMock, 'account.createInvitation').map((r) => r.body)).toEqual([
      {
        action: 'createInvitation',
        communityId: 'ruanjiaqiao',
        role: 'guard',
        gateId: 'gate-rjq-south',
        note: '李师傅',
      },
    ])
  })

  it('opens with the gate chosen when it comes from a gate card', async () => {
    params({ communityId: 'ruanjiaqiao', role: 'guard', gateId: 'gate-rjq-north' })
    mockActions(roster())
    const { container } = render(<PeoplePage />)
    await screen.findByText('北门', { selector: '.invite-gate__option *, .invite-gate__option' })
    await waitFor(() =>
      expect(container.querySelector('.invite-gate__option--active')?.getAttribute('data-value')).toBe(
        'gate-rjq-north',
      ),
    )
  })

  it('revokes a guard after a confirmation, and reloads the roster', async () => {
    let revoked = false
    const fetchMock = mockActions({
      ...roster(),
      'account.listStaff': () => okReply({ staff: revoked ? [] : [WANG], log: [], canInvite: ['guard'] }),
      'account.revokeStaff': () => {
        revoked = true
        return okReply({ revoked: WANG })
      },
    })
    const showModal = jest.spyOn(Taro, 'showModal')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    const { container } = render(<PeoplePage />)
    await screen.findByText('王师傅')
    fireEvent.click(container.querySelector('.staff-row__revoke')!)
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(sentRequests(fetchMock, 'account.revokeStaff')).toEqual([])
    showModal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    fireEvent.click(container.querySelector('.staff-row__revoke')!)
    await waitFor(() => expect(container.querySelector('.staff-row')).toBeNull())
    expect(sentRequests(fetchMock, 'account.revokeStaff').map((r) => r.body)).toEqual([
      { action: 'revokeStaff', staffId: 'staff-wang' },
    ])
    await screen.findByText('还没有工作人员，请先发出邀请')
  })

  it('lists open invitations with 撤销, and offers no revoke on people the caller may not remove', async () => {
    mockActions(roster({ invitations: [INVITATION], staff: [{ ...WANG, canRevoke: false }] }))
    const { container } = render(<PeoplePage />)
    await screen.findByText('待接受的邀请（1）')
    expect(container.querySelector('.invitation-row__revoke')).not.toBeNull()
    expect(container.querySelector('.staff-row__revoke')).toBeNull()
    expect(container.innerHTML).not.toContain('demo-')
  })
})

describe('接受邀请 (invite page)', () => {
  it('shows who invites to what, then binds the role to the caller under their name', async () => {
    params({ code: 'AAAAAAAAAAAAAAAAAAAAAA' })
    chooseDemoIdentity('o6_new_person_0000000001')
    const fetchMock = mockActions({
      'account.invitationInfo': () => okReply({ invitation: INVITATION }),
      'account.me': () => okReply({ ...MANAGER, nickname: '访客', isNew: true, roles: [] }),
      'account.acceptInvitation': () =>
        okReply({ role: 'guard', communityId: 'ruanjiaqiao', communityName: '阮家桥社区', gateName: '南门' }),
    })
    const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    const { container } = render(<InvitePage />)
    await screen.findByText('赵经理 邀请你担任')
    expect(container.querySelector('.invite-page__role')?.textContent).toBe('阮家桥社区 · 门岗')
    expect(screen.getByText('负责大门：南门')).toBeTruthy()
    fireEvent.click(container.querySelector('#invite-accept')!)
    expect(container.querySelector('.field-error')?.textContent).toContain('请填写你的姓名')
    typeInto(container.querySelector('#invite-name'), '李师傅')
    fireEvent.click(container.querySelector('#invite-accept')!)
    await screen.findByText('你已成为门岗')
    expect(sentRequests(fetchMock, 'account.acceptInvitation').map((r) => r.body)).toEqual([
      { action: 'acceptInvitation', code: 'AAAAAAAAAAAAAAAAAAAAAA', name: '李师傅' },
    ])
    fireEvent.click(container.querySelector('#invite-continue')!)
    expect(reLaunch).toHaveBeenCalledWith({ url: '/staff/pages/gate-scan/index' })
  })

  it.each([
    ['used', '已经被使用过了'],
    ['expired', '已过期'],
    ['revoked', '已被邀请人撤销'],
  ] as const)('says a %s invitation cannot be used, with no accept button', async (state, text) => {
    params({ scene: 'i%3DAAAAAAAAAAAAAAAAAAAAAA' })
    mockActions({
      'account.invitationInfo': () => okReply({ invitation: { ...INVITATION, state } }),
      'account.me': () => okReply(MANAGER),
    })
    const { container } = render(<InvitePage />)
    await waitFor(() => expect(container.querySelector('.invite-page__refused')?.textContent).toContain(text))
    expect(container.querySelector('#invite-accept')).toBeNull()
  })

  it('says a forged code is not an invitation, without a useless 重试', async () => {
    params({ code: 'AAAAAAAAAAAAAAAAAAAAAA' })
    mockActions({ 'account.invitationInfo': () => failReply('INVITATION_INVALID') })
    render(<InvitePage />)
    await screen.findByText('邀请码无效')
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('takes a pasted code when opened without one', async () => {
    params({})
    mockActions({
      'account.invitationInfo': () => okReply({ invitation: INVITATION }),
      'account.me': () => okReply(MANAGER),
    })
    const { container } = render(<InvitePage />)
    typeInto(container.querySelector('#invite-code-input'), CODE)
    fireEvent.click(container.querySelector('#invite-code-submit')!)
    await screen.findByText('赵经理 邀请你担任')
  })
})

describe('社区管理 (communities page)', () => {
  const admin = { 'account.me': () => okReply({ ...MANAGER, roles: [{ role: 'admin' }] }) }

  it('walks an admin with no community through the first run: checks the form, creates, then offers the next steps', async () => {
    const fetchMock = mockActions({
      ...admin,
      'account.myCommunities': () => okReply({ isAdmin: true, communities: [] }),
      'account.saveCommunity': (body) =>
        okReply({
          community: {
            id: 'c-new',
            name: String(body.name),
            street: '祥符街道',
            district: '拱墅区',
            city: '杭州市',
            location: { lat: 30.32, lng: 120.14 },
          },
        }),
    })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    const { container } = render(<CommunitiesPage />)
    await screen.findByText('① 新建第一个社区')
    fireEvent.click(container.querySelector('#community-save')!)
    await waitFor(() =>
      expect(container.querySelector('[data-field="community-name"] .field-error')?.textContent).toBe('请填写社区名称'),
    )
    typeInto(container.querySelector('#community-lat'), '91')
    typeInto(container.querySelector('#community-name'), '新华社区')
    typeInto(container.querySelector('#community-street'), '米市巷街道')
    typeInto(container.querySelector('#community-district'), '拱墅区')
    fireEvent.click(container.querySelector('#community-save')!)
    await waitFor(() =>
      expect(container.querySelector('[data-field="community-lat"] .field-error')?.textContent).toContain('中国境内'),
    )
    expect(sentRequests(fetchMock, 'account.saveCommunity')).toEqual([])
    typeInto(container.querySelector('#community-lat'), '30.29')
    fireEvent.click(container.querySelector('#community-save')!)
    await screen.findByText('「新华社区」已创建')
    expect(sentRequests(fetchMock, 'account.saveCommunity').map((r) => r.body)).toEqual([
      {
        action: 'saveCommunity',
        name: '新华社区',
        street: '米市巷街道',
        district: '拱墅区',
        city: '杭州市',
        location: { lat: 30.29, lng: 120.1416 },
      },
    ])
    fireEvent.click(container.querySelector('#next-invite')!)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/people/index?communityId=c-new&role=secretary' })
  })

  it('tells someone who is not an admin the page is not for them', async () => {
    mockActions({ 'account.myCommunities': () => okReply({ isAdmin: false, communities: [] }) })
    render(<CommunitiesPage />)
    await screen.findByText('只有管理员可以管理社区')
  })
})
