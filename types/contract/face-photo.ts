import { z } from '../zod'
import { Id } from '../entities'
import { PhotoRef } from '../points'
import { Text } from '../text'

/**
 * The courier's face photo after registration: the courier replaces it, a secretary of the community approves
 * or rejects the replacement, and the green card keeps the old photo until the new one is approved. Every
 * photo a client gets is a short-lived URL (never the stored reference), and only the courier, the reviewing
 * staff and a guard at a check get one.
 */

/** The courier's own photo and its review state, as 我的 shows it. */
export const MyPhoto = z.object({
  /** The photo the green card shows (of a pending registration: the one reviewed with it). */
  url: z.optional(z.string()),
  /** A replacement waiting for a secretary. */
  pendingUrl: z.optional(z.string()),
  /** The last replacement was rejected (until the next one is sent). */
  rejected: z.optional(z.object({ at: z.int(), reason: z.optional(z.string()) })),
})
export type MyPhoto = z.infer<typeof MyPhoto>

export const ReplacePhotoInput = z.strictObject({ photo: PhotoRef })
export const ReplacePhotoOutput = z.object({ photo: MyPhoto })

export const PHOTO_DECISIONS = ['approve', 'reject'] as const
export const ReviewPhotoInput = z.strictObject({
  courierId: Id,
  decision: z.enum(PHOTO_DECISIONS),
  reason: z.optional(Text(0, 200, '原因')),
})
export const ReviewPhotoOutput = z.object({ decision: z.enum(PHOTO_DECISIONS) })

export const facePhotoActions = {
  replacePhoto: { input: ReplacePhotoInput, output: ReplacePhotoOutput },
  reviewPhoto: { input: ReviewPhotoInput, output: ReviewPhotoOutput },
} as const
