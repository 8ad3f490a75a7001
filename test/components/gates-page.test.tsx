import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import GatesPage from '../../src/staff/pages/gates'
import type { ListGatesOutput, MeOutput, PlaceCodeOutput } from '../../types'
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
    { id: 'gate-rjq-north', name: '北门', guards: [{ staffId: 'staff-wang', name: '王师傅' }] },
    { id: 'gate-rjq-south', name: '南门', guards: [] },
  ],
}

const CODE: PlaceCodeOutput = { code: 'XGG1.signed-north', gateName: '北门', communityName: '阮家桥社区' }

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-manager')
})

const card = (container: HTMLElement, id: string) =>
  container.querySelector(`.gate-card[data-gate-id="${id}"]`) as HTMLElement
const names = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.gate-card__name')).map((el) => el.textContent)

describe('gates page (门岗管理)', () => {
  it('shows a secretary the gates and their 场所码 but no controls to add or rename', async () => {
    const secretary: MeOutput = {
      ...MANAGER,
      openid: 'demo-secretary',
      roles: [{ role: 'secretary', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' }],
    }
    chooseDemoIdentity('demo-secretary')
    mockActions({
      'account.me': () => okReply(secretary),
      'pass.listGates': () => okReply(GATES),
      'pass.placeCode': () => okReply(CODE),
    })
    const { container } = render(<GatesPage />)
    await screen.findByText('北门')
    expect(container.querySelector('.gate-card__code-toggle')).not.toBeNull()
    expect(container.querySelector('.gate-card__rename-toggle')).toBeNull()
    expect(container.querySelector('.gates__add')).toBeNull()
  })

  it('lists the community’s gates with their guards', async () => {
    const fetchMock = mockActions({ 'account.me': () => okReply(MANAGER), 'pass.listGates': () => okReply(GATES) })
    const { container } = render(<GatesPage />)
    await screen.findByText('北门')
    expect(sentRequests(fetchMock, 'pass.listGates').map((r) => r.body)).toEqual([
      { action: 'listGates', communityId: 'ruanjiaqiao' },
    ])
    expect(names(container)).toEqual(['北门', '南门'])
    expect(card(container, 'gate-rjq-north').querySelector('.gate-card__guard')?.textContent).toBe('王师傅')
    expect(card(container, 'gate-rjq-south').querySelector('.gate-card__no-guard')).not.toBeNull()
    expect(screen.getByText('社区：阮家桥社区')).toBeTruthy()
  })

  it('adds a gate, checking the name first', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.listGates': () => okReply(GATES),
      'pass.saveGate': (body) => okReply({ gate: { id: 'gate-new', name: String(body.name), guards: [] } }),
    })
    const { container } = render(<GatesPage />)
    await screen.findByText('北门')
    fireEvent.click(container.querySelector('#gate-add')!)
    expect(container.querySelector('.gates__add-error')?.textContent).toBe('请填写门岗名称')
    typeInto(container.querySelector('#gate-name-input'), ' 西门 ')
    fireEvent.click(container.querySelector('#gate-add')!)
    await waitFor(() => expect(names(container)).toEqual(['北门', '南门', '西门']))
    expect(sentRequests(fetchMock, 'pass.saveGate').map((r) => r.body)).toEqual([
      { action: 'saveGate', communityId: 'ruanjiaqiao', name: '西门' },
    ])
  })

  it('renames a gate', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.listGates': () => okReply(GATES),
      'pass.saveGate': (body) => okReply({ gate: { ...GATES.gates[1], name: String(body.name) } }),
    })
    const { container } = render(<GatesPage />)
    await screen.findByText('南门')
    const south = card(container, 'gate-rjq-south')
    fireEvent.click(south.querySelector('.gate-card__rename-toggle')!)
    typeInto(south.querySelector('.gate-card__rename-input'), '南门（菜场）')
    fireEvent.click(south.querySelector('.gate-card__rename-save')!)
    await screen.findByText('南门（菜场）')
    expect(sentRequests(fetchMock, 'pass.saveGate').map((r) => r.body)).toEqual([
      { action: 'saveGate', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south', name: '南门（菜场）' },
    ])
  })

  it('shows a gate’s printable 场所码 as a QR code', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.listGates': () => okReply(GATES),
      'pass.placeCode': () => okReply(CODE),
    })
    const { container } = render(<GatesPage />)
    await screen.findByText('北门')
    const north = card(container, 'gate-rjq-north')
    fireEvent.click(north.querySelector('.gate-card__code-toggle')!)
    await waitFor(() => expect(north.querySelector('.qr-code')?.getAttribute('data-value')).toBe('XGG1.signed-north'))
    expect(north.querySelector('#place-qr-gate-rjq-north')).not.toBeNull()
    expect(north.querySelector('.gate-card__code-title')?.textContent).toBe('阮家桥社区 · 北门')
    expect(sentRequests(fetchMock, 'pass.placeCode').map((r) => r.body)).toEqual([
      { action: 'placeCode', gateId: 'gate-rjq-north' },
    ])
    fireEvent.click(north.querySelector('.gate-card__code-toggle')!)
    expect(north.querySelector('.qr-code')).toBeNull()
  })

  it('shows WeChat’s 小程序码 first when the cloud made one, with the plain QR as the spare', async () => {
    const miniCode = 'data:image/jpeg;base64,/9j/2Q=='
    mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.listGates': () => okReply(GATES),
      'pass.placeCode': () => okReply({ ...CODE, miniCode }),
    })
    const { container } = render(<GatesPage />)
    await screen.findByText('北门')
    const north = card(container, 'gate-rjq-north')
    fireEvent.click(north.querySelector('.gate-card__code-toggle')!)
    await waitFor(() =>
      expect(north.querySelector('.gate-card__mini-code img, img.gate-card__mini-code')?.getAttribute('src')).toBe(
        miniCode,
      ),
    )
    expect(north.textContent).toContain('微信扫一扫')
    expect(north.textContent).toContain('备用二维码')
    expect(north.querySelector('.qr-code')?.getAttribute('data-value')).toBe('XGG1.signed-north')
  })

  it('says why there is no 小程序码 when the cloud could not make one', async () => {
    mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.listGates': () => okReply(GATES),
      'pass.placeCode': () => okReply({ ...CODE, miniCodeProblem: '微信小程序码暂时无法生成，请先使用下方的二维码' }),
    })
    const { container } = render(<GatesPage />)
    await screen.findByText('北门')
    const north = card(container, 'gate-rjq-north')
    fireEvent.click(north.querySelector('.gate-card__code-toggle')!)
    await waitFor(() => expect(north.querySelector('.gate-card__mini-problem')?.textContent).toContain('暂时无法生成'))
    expect(north.querySelector('.gate-card__mini-code')).toBeNull()
    expect(north.querySelector('.qr-code')?.getAttribute('data-value')).toBe('XGG1.signed-north')
  })

  it('invites a guard for a gate on 人员管理, with the community and gate chosen; no OPENID is asked for', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    mockActions({ 'account.me': () => okReply(MANAGER), 'pass.listGates': () => okReply(GATES) })
    const { container } = render(<GatesPage />)
    await screen.findByText('南门')
    expect(container.textContent).not.toContain('OPENID')
    expect(container.querySelector('[data-openid]')).toBeNull()
    fireEvent.click(card(container, 'gate-rjq-south').querySelector('.gate-card__invite')!)
    expect(navigateTo).toHaveBeenCalledWith({
      url: '/staff/pages/people/index?communityId=ruanjiaqiao&role=guard&gateId=gate-rjq-south',
    })
    navigateTo.mockRestore()
  })

  it('shows the cloud’s refusal of a change (e.g. a rename by someone who lost the role)', async () => {
    mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.listGates': () => okReply(GATES),
      'pass.saveGate': () => failReply('FORBIDDEN', '你不是该社区的工作人员，无法进行此操作'),
    })
    const { container } = render(<GatesPage />)
    await screen.findByText('南门')
    const south = card(container, 'gate-rjq-south')
    fireEvent.click(south.querySelector('.gate-card__rename-toggle')!)
    typeInto(south.querySelector('.gate-card__rename-input'), '南门（菜场）')
    fireEvent.click(south.querySelector('.gate-card__rename-save')!)
    await screen.findByText('你不是该社区的工作人员，无法进行此操作')
    expect(south.querySelector('.gate-card__name')?.textContent).toBe('南门')
  })

  it('says so when the caller has no community to manage', async () => {
    mockActions({ 'account.me': () => okReply({ ...MANAGER, roles: [] }) })
    render(<GatesPage />)
    await screen.findByText('你没有可管理的社区')
  })
})
