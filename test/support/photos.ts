import type { PhotoAccess } from '../../cloudfunctions/shared/photos'

/** The URL the test stand-in mints for a stored reference: recognisable in assertions, never the reference. */
export const testPhotoUrl = (ref: string): string => `https://photos.test/${encodeURIComponent(ref)}?sign=test`

/**
 * A stand-in for CloudBase storage's temp URLs (every reference is known), recording what was removed, for
 * tests of handlers that answer photos.
 */
export function testPhotoAccess(): PhotoAccess & { removed: string[] } {
  const removed: string[] = []
  return {
    removed,
    urls: async (refs) => new Map(refs.map((ref) => [ref, testPhotoUrl(ref)])),
    remove: async (refs) => void removed.push(...refs),
  }
}

/** A face photo reference for registrations in tests (the handlers take any well-formed one). */
export const FACE_PHOTO = 'local:FacePhotoOfTheTestRider0'
