import type CloudBase from '@cloudbase/manager-node'
import type { CollectionPlan } from './plan'

/**
 * The database step of the deploy: every collection exists, has its indexes and is admin-only. It reads
 * before it writes, so a second run finds everything in place and changes nothing.
 */

/** The few management calls the step needs, as @cloudbase/manager-node offers them (see managerDatabase). */
export interface DatabaseAdmin {
  collectionExists(name: string): Promise<boolean>
  createCollection(name: string): Promise<void>
  indexNames(name: string): Promise<string[]>
  createIndexes(name: string, indexes: ReadonlyArray<{ name: string; fields: string[] }>): Promise<void>
  acl(name: string): Promise<string>
  setAcl(name: string, acl: string): Promise<void>
}

/** Applies the collections' plan; resolves the changes it made, one line each (none on a second run). */
export async function applyDatabase(
  admin: DatabaseAdmin,
  collections: readonly CollectionPlan[],
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const changes: string[] = []
  const change = (line: string) => {
    changes.push(line)
    log(line)
  }
  for (const collection of collections) {
    if (!(await admin.collectionExists(collection.name))) {
      await admin.createCollection(collection.name)
      change(`created collection ${collection.name}`)
    }
    const existing = new Set(await admin.indexNames(collection.name))
    const missing = collection.indexes.filter((index) => !existing.has(index.name))
    if (missing.length > 0) {
      await admin.createIndexes(collection.name, missing)
      for (const index of missing) change(`created index ${collection.name}.${index.name}`)
    }
    const acl = await admin.acl(collection.name)
    if (acl !== collection.acl) {
      await admin.setAcl(collection.name, collection.acl)
      change(`set ${collection.name} from ${acl} to ${collection.acl}`)
    }
  }
  return changes
}

interface DescribedTable {
  Indexes?: Array<{ Name?: string }>
}

/** DatabaseAdmin over @cloudbase/manager-node (the library the CloudBase CLI is built on). */
export function managerDatabase(manager: CloudBase, envId: string): DatabaseAdmin {
  const database = manager.database
  const tcb = manager.commonService('tcb', '2018-06-08')
  return {
    collectionExists: async (name) => (await database.checkCollectionExists(name)).Exists,
    createCollection: async (name) => {
      await database.createCollection(name)
    },
    indexNames: async (name) => {
      const table = (await database.describeCollection(name)) as DescribedTable
      return (table.Indexes ?? []).map((index) => index.Name ?? '')
    },
    createIndexes: async (name, indexes) => {
      await database.updateCollection(name, {
        CreateIndexes: indexes.map((index) => ({
          IndexName: index.name,
          MgoKeySchema: {
            MgoIndexKeys: index.fields.map((field) => ({ Name: field, Direction: '1' })),
            MgoIsUnique: false,
          },
        })),
      })
    },
    acl: async (name) => {
      const reply = (await tcb.call({
        Action: 'DescribeDatabaseACL',
        Param: { EnvId: envId, CollectionName: name },
      })) as { AclTag?: string }
      return reply.AclTag ?? ''
    },
    setAcl: async (name, acl) => {
      await tcb.call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: name, AclTag: acl } })
    },
  }
}
