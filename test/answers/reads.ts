import { z } from 'zod';
import type { Operation } from '../../webex/operations.ts';
import {
  attachmentActionSchema,
  membershipSchema,
  messageSchema,
  personSchema,
  roomSchema,
  webhookSchema,
} from '../../webex/messaging-schemas.ts';
import { customerSchema, locationSchema, subscriberSchema } from '../../webex/wholesale-schemas.ts';
import { listedPersonSchema, organizationSchema } from '../../webex/people-client.ts';
import { callingLocationSchema, phoneNumberSchema, pstnConnectionSchema } from '../../webex/telephony-schemas.ts';

const list = (item: z.ZodType) => z.object({ items: z.array(item) });

/**
 * What the bot parses of each operation's answer: the schema the client hands the HTTP client
 * (a list's page as `{ items: [...] }`). Operations whose answer the bot does not read are absent.
 * `GET /people/{personId}` is read by the messaging client (person type) and the people client
 * (id, names, emails, roles): the messaging schema is the wider of the two in enum fields.
 */
export const READS: Partial<Record<Operation, z.ZodType>> = {
  'GET /people/me': personSchema,
  'GET /people/{personId}': personSchema,
  'GET /rooms': list(roomSchema),
  'GET /rooms/{roomId}': roomSchema,
  'GET /memberships': list(membershipSchema),
  'GET /messages': list(messageSchema),
  'POST /messages': messageSchema,
  'GET /messages/{messageId}': messageSchema,
  'GET /attachment/actions/{id}': attachmentActionSchema,
  'GET /webhooks': list(webhookSchema),
  'POST /webhooks': webhookSchema,
  'PUT /webhooks/{webhookId}': webhookSchema,
  'GET /wholesale/customers': list(customerSchema),
  'GET /wholesale/customers/{customerId}': customerSchema,
  'GET /wholesale/subscribers': list(subscriberSchema),
  'GET /wholesale/subscribers/{subscriberId}': subscriberSchema,
  'POST /wholesale/subscribers': subscriberSchema,
  'PUT /wholesale/subscribers/{subscriberId}': subscriberSchema,
  'GET /locations': list(locationSchema),
  'GET /organizations/{orgId}': organizationSchema,
  'GET /people': list(listedPersonSchema),
  'GET /telephony/config/locations': z.object({ locations: z.array(callingLocationSchema) }),
  'GET /telephony/config/numbers': z.object({ phoneNumbers: z.array(phoneNumberSchema) }),
  'GET /telephony/pstn/locations/{locationId}/connectionOptions': list(pstnConnectionSchema),
  'GET /telephony/pstn/locations/{locationId}/connection': pstnConnectionSchema,
};
