/*
 * While a 小哥码 is on screen the phone should be bright, stay awake and discourage screenshots, like a payment
 * code. Browsers offer none of that, so the h5 (default) build does nothing; screen.weapp.ts does it in WeChat.
 */

/**
 * Brightens the screen, keeps it on and, where the platform allows, hides the page from screen captures and
 * calls `onCapture` when the user takes a screenshot. Resolves with the function that restores everything.
 */
export async function holdScreenForPass(_onCapture: () => void): Promise<() => void> {
  return () => {}
}
