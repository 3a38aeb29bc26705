import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { emptyStoreData, storeDataSchema, StoreError, storeRules, type Store, type StoreData } from './store.ts';

async function readExisting(file: string): Promise<StoreData | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`The data file ${file} cannot be read (${(error as Error).message}); check its permissions or set DATA_FILE to another path.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StoreError(`The data file ${file} is not valid JSON; it was left untouched. Restore it from a backup or move it away to start empty.`);
  }
  const parsed = storeDataSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new StoreError(`The data file ${file} does not hold what this version of the bot expects (${where}); it was left untouched. Restore it from a backup or move it away to start empty.`);
  }
  return parsed.data;
}

/**
 * The embedded store: one JSON file written atomically by lowdb (steno writes a temporary file and
 * renames it). The file is validated on open; a corrupt file stops start-up and is never overwritten.
 */
export async function openLowdbStore(file: string): Promise<Store> {
  const existing = await readExisting(file);
  await mkdir(dirname(file), { recursive: true });
  const db = new Low<StoreData>(new JSONFile<StoreData>(file), existing ?? emptyStoreData());
  if (!existing) await db.write();

  return {
    async recordEvent(eventId, receivedAt) {
      if (!storeRules.recordEvent(db.data, eventId, receivedAt)) return false;
      await db.write();
      return true;
    },
    hasEvent: async (eventId) => db.data.seenEvents[eventId] !== undefined,
    async getConversation(id) {
      const found = db.data.conversations[id];
      return found && structuredClone(found);
    },
    async saveConversation(conversation) {
      storeRules.saveConversation(db.data, conversation);
      await db.write();
    },
    findConversations: async (filter) => storeRules.findConversations(db.data, filter),
    listTemplates: async () => structuredClone(db.data.templates),
    findTemplate: async (idOrName) => storeRules.findTemplate(db.data, idOrName),
    async insertTemplate(template) {
      const { changed, ...result } = storeRules.insertTemplate(db.data, template);
      if (changed) await db.write();
      return result;
    },
    async claimExternalId(externalId, conversationId) {
      const { changed, ...result } = storeRules.claimExternalId(db.data, externalId, conversationId);
      if (changed) await db.write();
      return result;
    },
    async saveCustomer(customer) {
      db.data.customers[customer.externalId] = structuredClone(customer);
      await db.write();
    },
    async findCustomer(externalId) {
      const found = db.data.customers[externalId];
      return found && structuredClone(found);
    },
    listCustomers: async () => structuredClone(Object.values(db.data.customers)),
    async saveApproval(approval) {
      storeRules.saveApproval(db.data, approval);
      await db.write();
    },
    async getApproval(id) {
      const found = db.data.approvals[id];
      return found && structuredClone(found);
    },
    findApprovals: async (filter) => storeRules.findApprovals(db.data, filter),
    async appendAudit(entry) {
      db.data.audit.push(structuredClone(entry));
      await db.write();
    },
    listAudit: async (filter) => storeRules.listAudit(db.data, filter),
    async ping() {
      await db.write();
    },
  };
}
