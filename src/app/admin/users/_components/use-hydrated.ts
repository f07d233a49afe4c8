import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while rendering on the server and hydrating, true afterwards: enhancements that narrow what
 * a form offers (filtered selects) switch on only once JavaScript runs, so that the server-rendered
 * form stays complete for a browser without it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
