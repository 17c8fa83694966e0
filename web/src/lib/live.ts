import { useSyncExternalStore } from "react";

// Whether the subscription websocket is connected, for the "live" mark on pages that follow it.
let connected = false;
const listeners = new Set<() => void>();

export function setLiveConnected(value: boolean): void {
  connected = value;
  listeners.forEach((listener) => listener());
}

export function useLiveConnected(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => connected,
  );
}
