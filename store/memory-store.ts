import { emptyStoreData, localCallBudget, storeRules, type Store } from './store.ts';
import { keyLocks } from './key-locks.ts';
import type { CustomerRecord } from './records.ts';

/** The in-memory twin of the lowdb store, for tests that do not need a file. */
export function createMemoryStore(): Store {
  const data = emptyStoreData();
  return {
    recordEvent: async (eventId, receivedAt, event) => storeRules.recordEvent(data, eventId, receivedAt, event),
    hasEvent: async (eventId) => data.seenEvents[eventId] !== undefined,
    isEventPending: async (eventId) => eventId in data.inbox,
    finishEvent: async (eventId) => {
      storeRules.finishEvent(data, eventId);
    },
    unfinishedEvents: async () => storeRules.unfinishedEvents(data),
    lastEventAt: async () => storeRules.lastEventAt(data),
    getConversation: async (id) => {
      const found = data.conversations[id];
      return found && structuredClone(found);
    },
    saveConversation: async (conversation) => storeRules.saveConversation(data, conversation),
    findConversations: async (filter) => storeRules.findConversations(data, filter),
    listTemplates: async () => structuredClone(data.templates),
    findTemplate: async (idOrName) => storeRules.findTemplate(data, idOrName),
    insertTemplate: async (template) => {
      const { changed: _changed, ...result } = storeRules.insertTemplate(data, template);
      return result;
    },
    removeTemplate: async (id) => storeRules.removeTemplate(data, id),
    claimExternalId: async (externalId, conversationId) => {
      const { changed: _changed, ...result } = storeRules.claimExternalId(data, externalId, conversationId);
      return result;
    },
    saveCustomer: async (customer) => {
      data.customers[customer.externalId] = structuredClone(customer);
    },
    findCustomer: async (externalId) => {
      const found = data.customers[externalId];
      return found && structuredClone(found);
    },
    // Plain JSON records: a JSON copy of 10,000 of them takes a third of structuredClone's time.
    listCustomers: async () => JSON.parse(JSON.stringify(Object.values(data.customers))) as CustomerRecord[],
    saveApproval: async (approval) => storeRules.saveApproval(data, approval),
    getApproval: async (id) => {
      const found = data.approvals[id];
      return found && structuredClone(found);
    },
    findApprovals: async (filter) => storeRules.findApprovals(data, filter),
    appendAudit: async (entry) => {
      data.audit.push(structuredClone(entry));
    },
    listAudit: async (filter) => storeRules.listAudit(data, filter),
    async expireHistory(before, limit, exportBatch) {
      const taken = storeRules.expiredEntries(data, before, limit);
      if (taken.entries.length === 0) return 0;
      await exportBatch(taken.entries);
      storeRules.removeExpired(data, taken);
      return taken.entries.length;
    },
    getSpace: async (roomId) => {
      const found = data.spaces[roomId];
      return found && structuredClone(found);
    },
    saveSpace: async (roomId, settings) => {
      data.spaces[roomId] = structuredClone(settings);
    },
    // One process owns the data: its locks need not be seen by anyone else.
    ...keyLocks(),
    shared: false,
    reserveCall: localCallBudget(),
    ping: async () => {},
    close: async () => {},
  };
}
