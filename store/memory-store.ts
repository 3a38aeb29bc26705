import { emptyStoreData, pruneEvents, type Store } from './store.ts';

/** The in-memory twin of the lowdb store, for tests that do not need a file. */
export function createMemoryStore(): Store {
  const data = emptyStoreData();
  return {
    async recordEvent(eventId, receivedAt) {
      if (data.seenEvents[eventId] !== undefined) return false;
      data.seenEvents[eventId] = receivedAt.toISOString();
      pruneEvents(data, receivedAt);
      return true;
    },
    async hasEvent(eventId) {
      return data.seenEvents[eventId] !== undefined;
    },
    async ping() {},
  };
}
