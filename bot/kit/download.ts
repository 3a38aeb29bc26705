import type { RequestOptions } from '../../webex/http-client.ts';

/** Reads an attached file as text; `onRetry` hears each wait (423 while Webex scans it). */
export type Download = (url: string, onRetry?: RequestOptions<unknown>['onRetry']) => Promise<string>;
