/**
 * What every screen's frame shows besides the screen itself: the account being signed in (a shared PC
 * must say whose sign-in this is, issue #16 item 4) and the way to help (item 2). App provides it.
 */
import { createContext, useContext } from 'react';

export interface ScreenFrame {
  /** The username once the technician has given it; absent on the first screen. */
  readonly account?: string | undefined;
  /** Opens "Need help signing in?" from any screen. */
  readonly onHelp?: (() => void) | undefined;
}

export const ScreenFrameContext = createContext<ScreenFrame>({});

export function useScreenFrame(): ScreenFrame {
  return useContext(ScreenFrameContext);
}
