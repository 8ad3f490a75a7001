import { useState, type ReactNode } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { COURIER_STATUS_NAMES, formatChina, MY_DATA_ENTRY_DAYS } from '../../../../types'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { ROUTES } from '../../../routes'
import { toCloudError } from '../../../services/cloud'
import { saveExport, type ExportKind } from '../../../services/file-export'
import { deleteMyAccount, exportMyData, fetchMyData, setMovementConsent, type MyData } from '../../../services/my-data'
import './index.css'

/** Rows shown before 展开全部: the page stays short on a small phone; the export has everything. */
const FOLDED_ROWS = 5

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <View className='card my-data__section'>
      <View className='my-data__section-head'>
        <Text className='my-data__section-title'>{title}</Text>
        {count !== undefined ? <Text className='muted my-data__count'>{count} 条</Text> : null}
      </View>
      {children}
    </View>
  )
}

/** A list folded to its first rows, with 展开全部 when there are more. */
function Rows<T>({ items, empty, row }: { items: T[]; empty: string; row: (item: T, i: number) => ReactNode }) {
  const [open, setOpen] = useState(false)
  if (items.length === 0) return <Text className='muted my-data__empty'>{empty}</Text>
  const shown = open ? items : items.slice(0, FOLDED_ROWS)
  return (
    <View>
      {shown.map(row)}
      {items.length > FOLDED_ROWS ? (
        <Button className='btn btn--plain my-data__more' onClick={() => setOpen(!open)}>
          {open ? '收起' : `展开全部 ${items.length} 条`}
        </Button>
      ) : null}
    </View>
  )
}

function Row({ main, side, time }: { main: string; side?: string; time: number }) {
  return (
    <View className='my-data__row'>
      <View className='my-data__row-main'>
        <Text className='my-data__row-text'>{main}</Text>
        <Text className='muted my-data__row-time'>{formatChina(time)}</Text>
      </View>
      {side ? <Text className='my-data__row-side'>{side}</Text> : null}
    </View>
  )
}

function Profile({ data }: { data: MyData }) {
  const p = data.profile
  if (!p) {
    return (
      <Section title='注册信息'>
        <Text className='muted my-data__empty'>你还没有注册为小哥，系统只保存了你的微信账号标识。</Text>
      </Section>
    )
  }
  const photo = p.photoUrl ?? null
  const fields: Array<[string, string]> = [
    ['姓名', p.name],
    ['手机号', p.phone],
    ['平台', p.platform],
    ['骑手编号', p.riderId],
    ['所属社区', p.communityName],
    ['认证状态', COURIER_STATUS_NAMES[p.status]],
    ['注册时间', formatChina(p.registeredAt)],
  ]
  return (
    <Section title='注册信息'>
      <View className='my-data__profile'>
        {photo ? <Image className='my-data__photo' src={photo} mode='aspectFill' /> : null}
        <View className='my-data__fields'>
          {fields.map(([label, value]) => (
            <View key={label} className='my-data__field'>
              <Text className='muted my-data__field-label'>{label}</Text>
              <Text className='my-data__field-value'>{value}</Text>
            </View>
          ))}
        </View>
      </View>
      {p.photoUrl ? null : <Text className='muted'>未上传照片</Text>}
      {p.hasPendingPhoto ? <Text className='muted'>新照片等待社区审核，通过前门岗仍看到原照片</Text> : null}
    </Section>
  )
}

/** The entry-record consent: withdrawing it stops the 小哥码, and says so before and after. */
function Consents({ data, onChanged }: { data: MyData; onChanged: () => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { privacyAt, movementAt, movementWithdrawnAt } = data.consents
  const change = async (given: boolean) => {
    const { confirm } = await Taro.showModal({
      title: given ? '重新授权进出记录' : '撤回进出记录授权',
      content: given
        ? '授权后，门岗核验小哥码时会记录你进出小区的时间和门岗，记录保存 180 天。'
        : '撤回后，你将不能出示小哥码，也不能扫场所码进门，需要按访客登记；已有的记录会保留到期满自动删除。确定撤回吗？',
      confirmText: given ? '同意授权' : '确定撤回',
      confirmColor: given ? '#07c160' : '#e64340',
    })
    if (!confirm) return
    setBusy(true)
    setError(null)
    try {
      await setMovementConsent(given)
      void Taro.showToast({ title: given ? '已重新授权' : '已撤回授权', icon: 'none' })
      onChanged()
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Section title='我的授权'>
      <View className='my-data__consent'>
        <Text className='my-data__consent-name'>个人信息处理规则</Text>
        <Text className='muted'>{privacyAt ? `同意于 ${formatChina(privacyAt)}` : '未注册'}</Text>
      </View>
      <View className='my-data__consent'>
        <Text className='my-data__consent-name'>进出记录（行踪信息）</Text>
        {movementAt ? (
          <Text className='my-data__consent-on'>已授权 · {formatChina(movementAt)}</Text>
        ) : (
          <Text className='my-data__consent-off'>
            {movementWithdrawnAt ? `已撤回 · ${formatChina(movementWithdrawnAt)}` : '未授权'}
          </Text>
        )}
        <Text className='muted my-data__consent-hint'>
          {movementAt
            ? '门岗核验小哥码时记录进出时间和门岗，用于社区安全管理。'
            : '小哥码已停用：重新授权后才能出示小哥码进门。'}
        </Text>
      </View>
      {data.profile ? (
        <Button
          className={`btn ${movementAt ? 'btn--plain my-data__withdraw' : 'btn--primary my-data__give'}${busy ? ' btn--disabled' : ''}`}
          onClick={() => (busy ? undefined : void change(!movementAt))}
        >
          {busy ? '正在保存…' : movementAt ? '撤回进出记录授权' : '重新授权进出记录'}
        </Button>
      ) : null}
      {error ? <Text className='notice notice--error'>{error}</Text> : null}
    </Section>
  )
}

function ExportButtons() {
  const [busy, setBusy] = useState<ExportKind | null>(null)
  const [error, setError] = useState<string | null>(null)
  const run = async (kind: ExportKind) => {
    setBusy(kind)
    setError(null)
    try {
      const out = await exportMyData()
      await saveExport(out.fileName, kind, kind === 'json' ? out.json : out.csv)
      void Taro.showToast({ title: `已导出 ${out.records} 条记录`, icon: 'none' })
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setBusy(null)
    }
  }
  return (
    <Section title='导出我的数据'>
      <Text className='muted'>导出系统保存的全部记录：表格可用 Excel、WPS 打开，JSON 便于转交其他服务。</Text>
      <View className='my-data__export'>
        <Button
          className={`btn btn--primary my-data__export-csv${busy ? ' btn--disabled' : ''}`}
          onClick={() => (busy ? undefined : void run('csv'))}
        >
          {busy === 'csv' ? '正在导出…' : '导出表格（CSV）'}
        </Button>
        <Button
          className={`btn btn--plain my-data__export-json${busy ? ' btn--disabled' : ''}`}
          onClick={() => (busy ? undefined : void run('json'))}
        >
          {busy === 'json' ? '正在导出…' : '导出 JSON'}
        </Button>
      </View>
      {error ? <Text className='notice notice--error'>{error}</Text> : null}
    </Section>
  )
}

/** 注销账号: what goes and what stays, what blocks it now, and a typed confirmation. */
function DeleteAccount({ data }: { data: MyData }) {
  const [asking, setAsking] = useState(false)
  const [word, setWord] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const blocked = data.deleteBlockers.length > 0
  const ready = word.trim() === '注销' && !busy
  const confirmDelete = async () => {
    setBusy(true)
    setError(null)
    try {
      await deleteMyAccount()
      await Taro.showModal({
        title: '账号已注销',
        content: '你的个人信息已删除，小哥码已失效。积分和兑换记录只以匿名形式保留在社区账目中。',
        showCancel: false,
      })
      void Taro.reLaunch({ url: ROUTES.me })
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Section title='注销账号'>
      <Text className='muted my-data__delete-text'>
        注销后立即删除你的姓名、手机号、骑手编号、照片和微信账号标识，小哥码立即失效，积分清零且不能恢复。
        为保证社区账目和库存准确，积分明细、兑换和进出记录会去掉你的身份后匿名保留。
      </Text>
      {blocked ? (
        <View className='my-data__blockers'>
          <Text className='my-data__blockers-title'>现在还不能注销：</Text>
          {data.deleteBlockers.map((b) => (
            <Text key={b} className='my-data__blocker'>
              · {b}
            </Text>
          ))}
        </View>
      ) : null}
      {!asking ? (
        <Button
          className={`btn btn--danger my-data__delete${blocked ? ' btn--disabled' : ''}`}
          onClick={() => (blocked ? undefined : setAsking(true))}
        >
          注销账号
        </Button>
      ) : (
        <View className='my-data__confirm'>
          <Text className='my-data__confirm-label'>请输入“注销”两个字确认：</Text>
          <Input
            className='field__input my-data__confirm-input'
            value={word}
            placeholder='注销'
            maxlength={4}
            onInput={(e) => setWord(e.detail.value)}
          />
          <View className='my-data__confirm-actions'>
            <Button className='btn btn--plain my-data__cancel' onClick={() => setAsking(false)}>
              再想想
            </Button>
            <Button
              className={`btn btn--danger my-data__confirm-delete${ready ? '' : ' btn--disabled'}`}
              onClick={() => (ready ? void confirmDelete() : undefined)}
            >
              {busy ? '正在注销…' : '确认注销'}
            </Button>
          </View>
        </View>
      )}
      {error ? <Text className='notice notice--error'>{error}</Text> : null}
    </Section>
  )
}

/**
 * 我的数据: what the system holds about the caller (PIPL Art. 15, 45), who looked at it, an export, the entry
 * consent and deleting the account (Art. 47).
 */
export default function MyDataPage() {
  const { state, reload } = useRemote(fetchMyData)
  if (state.status === 'loading') return <StateView kind='loading' />
  if (state.status === 'error') return <StateView kind='error' message={state.error.message} onRetry={reload} />
  const data = state.data
  return (
    <View className='page my-data'>
      <View className='card my-data__intro'>
        <Text className='my-data__intro-text'>
          这里列出小哥友好为你保存的全部信息。你可以随时导出、撤回授权或注销账号。
        </Text>
      </View>
      <Profile data={data} />
      <Consents data={data} onChanged={reload} />
      <Section title={`进出记录（近 ${MY_DATA_ENTRY_DAYS} 天）`} count={data.entriesTotal}>
        <Rows
          items={data.entries}
          empty='没有进出记录'
          row={(e, i) => (
            <Row
              key={i}
              time={e.at}
              main={`${e.gateName}${e.offline ? '（离线核验）' : ''}`}
              side={e.allowed ? '通过' : e.reason}
            />
          )}
        />
      </Section>
      <Section title='谁查看过我的信息' count={data.reads.length}>
        <Rows
          items={data.reads}
          empty='还没有工作人员查看过'
          row={(r, i) => <Row key={i} time={r.at} main={`${r.who}：${r.what}`} />}
        />
      </Section>
      <Section
        title={`积分（余额 ${data.points.balance}，累计获得 ${data.points.earned}）`}
        count={data.points.ledger.length}
      >
        <Rows
          items={data.points.ledger}
          empty='还没有积分记录'
          row={(l, i) => (
            <Row key={i} time={l.at} main={l.title} side={l.delta > 0 ? `+${l.delta}` : String(l.delta)} />
          )}
        />
      </Section>
      <Section title='活动报名' count={data.signups.length}>
        <Rows
          items={data.signups}
          empty='没有报名记录'
          row={(s, i) => <Row key={i} time={s.at} main={s.activityTitle} side={s.status} />}
        />
      </Section>
      <Section title='积分兑换' count={data.redemptions.length}>
        <Rows
          items={data.redemptions}
          empty='没有兑换记录'
          row={(r, i) => <Row key={i} time={r.at} main={`${r.itemName}（${r.cost} 分）`} side={r.status} />}
        />
      </Section>
      <Section title='随手拍' count={data.reports.length}>
        <Rows
          items={data.reports}
          empty='没有随手拍'
          row={(r, i) => <Row key={i} time={r.at} main={`${r.category}：${r.text}`} side={r.status} />}
        />
      </Section>
      <ExportButtons />
      <DeleteAccount data={data} />
    </View>
  )
}
