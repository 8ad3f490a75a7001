/**
 * The stand-in's management API (test-only): the part of Tencent Cloud API 3.0 for CloudBase (`tcb`,
 * version 2018-06-08) that @cloudbase/manager-node calls to set up a database, answered the way the real API
 * answers. manager-node sends every call as `POST <TCB_BASE_URL>` with the action in the `X-TC-Action` header
 * and the parameters as JSON; the answer is `{ Response: { …, RequestId } }`, or `{ Response: { Error: { Code,
 * Message }, RequestId } }` (HTTP 200 either way). Signatures are not checked.
 *
 * Implemented: DescribeEnvInfo (what manager-node reads before any database call), CreateTable, DescribeTable,
 * ListTables, UpdateTable (CreateIndexes / DropIndexes: index definitions are kept, not used by queries),
 * DeleteTable, DescribeDatabaseACL and ModifyDatabaseACL.
 */
import { randomUUID } from 'node:crypto'
import type { AclTag, StandInDatabase } from './database'

type Params = Record<string, unknown>

/** A failure in Tencent Cloud API's shape. */
class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const ACL_TAGS: readonly AclTag[] = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY']

export class StandInManagement {
  /** Every management action received, in order: tests read what a deploy did. */
  readonly calls: Array<{ action: string; params: Params }> = []

  constructor(
    private readonly database: StandInDatabase,
    private readonly envId: string,
  ) {}

  answer(action: string, params: Params): { Response: Record<string, unknown> } {
    const RequestId = randomUUID()
    this.calls.push({ action, params })
    try {
      return { Response: { ...this.handle(action, params), RequestId } }
    } catch (error) {
      const { code, message } =
        error instanceof ApiError
          ? error
          : { code: 'InternalError', message: error instanceof Error ? error.message : String(error) }
      return { Response: { Error: { Code: code, Message: message }, RequestId } }
    }
  }

  private handle(action: string, params: Params): Record<string, unknown> {
    if (action !== 'DescribeEnvInfo' && params.EnvId !== this.envId) {
      throw new ApiError('ResourceNotFound', `环境 ${String(params.EnvId)} 不存在`)
    }
    switch (action) {
      case 'DescribeEnvInfo':
        if (params.EnvId !== this.envId) throw new ApiError('ResourceNotFound', `环境 ${String(params.EnvId)} 不存在`)
        return {
          EnvInfo: {
            EnvBaseInfo: {
              EnvId: this.envId,
              Alias: 'stand-in',
              Status: 'NORMAL',
              Databases: [{ InstanceId: `${this.envId}-db`, Status: 'RUNNING', Region: 'ap-shanghai' }],
              Storages: [],
              Functions: [],
            },
          },
        }
      case 'CreateTable': {
        const name = table(params)
        if (this.database.hasCollection(name)) throw new ApiError('ResourceInUse', `集合 ${name} 已存在`)
        this.database.createCollection(name)
        return {}
      }
      case 'DeleteTable':
        this.database.dropCollection(this.existing(params))
        return {}
      case 'DescribeTable': {
        const indexes = this.database.indexesOf(this.existing(params))
        return {
          Indexes: indexes.map((index) => ({
            Name: index.name,
            Size: 0,
            Unique: index.unique,
            Keys: index.keys.map(([field, direction]) => ({ Name: field, Direction: String(direction) })),
            Accesses: { Ops: 0, Since: new Date(0).toISOString() },
          })),
          IndexNum: indexes.length,
        }
      }
      case 'ListTables': {
        const names = this.database.collectionNames()
        return {
          Tables: names.map((name) => ({ TableName: name, Count: 0, Size: 0, IndexCount: 1, IndexSize: 0 })),
          Pager: { Offset: 0, Limit: names.length, Total: names.length },
        }
      }
      case 'UpdateTable': {
        const name = this.existing(params)
        for (const drop of list(params.DropIndexes)) this.database.dropIndex(name, str(drop, 'IndexName'))
        for (const create of list(params.CreateIndexes)) {
          const schema = record(create.MgoKeySchema, 'MgoKeySchema')
          const keys = list(schema.MgoIndexKeys).map((key): [string, number] => [
            str(key, 'Name'),
            Number(key.Direction),
          ])
          if (keys.length === 0 || keys.some(([, d]) => d !== 1 && d !== -1)) {
            throw new ApiError('InvalidParameter', 'MgoIndexKeys 需要字段名和方向 1 或 -1')
          }
          this.database.createIndex(name, { name: str(create, 'IndexName'), keys, unique: schema.MgoIsUnique === true })
        }
        return {}
      }
      case 'DescribeDatabaseACL':
        return { AclTag: this.database.aclOf(collectionName(params, this.database)) }
      case 'ModifyDatabaseACL': {
        const tag = params.AclTag
        if (!ACL_TAGS.includes(tag as AclTag))
          throw new ApiError('InvalidParameter.AclTag', `不支持的权限 ${String(tag)}`)
        this.database.setAcl(collectionName(params, this.database), tag as AclTag)
        return {}
      }
      default:
        throw new ApiError('UnsupportedOperation', `the stand-in does not implement ${action}`)
    }
  }

  private existing(params: Params): string {
    const name = table(params)
    if (!this.database.hasCollection(name)) throw new ApiError('ResourceNotFound', `集合 ${name} 不存在`)
    return name
  }
}

function table(params: Params): string {
  return str(params, 'TableName')
}

function collectionName(params: Params, database: StandInDatabase): string {
  const name = str(params, 'CollectionName')
  if (!database.hasCollection(name)) throw new ApiError('ResourceNotFound', `集合 ${name} 不存在`)
  return name
}

function str(params: Params, key: string): string {
  const value = params[key]
  if (typeof value !== 'string' || value === '') throw new ApiError('MissingParameter', `缺少参数 ${key}`)
  return value
}

function record(value: unknown, key: string): Params {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('InvalidParameter', `参数 ${key} 格式不正确`)
  }
  return value as Params
}

function list(value: unknown): Params[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new ApiError('InvalidParameter', '参数应为数组')
  return value.map((item) => record(item, 'item'))
}
