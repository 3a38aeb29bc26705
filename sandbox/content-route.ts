import type { Router } from 'express';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import type { SubscriberState } from './subscriber-state.ts';

/**
 * Files attached to messages, as Webex serves them: while its malware scan of a new file runs the
 * download answers 423 Locked with Retry-After, and a file it cannot scan answers 428.
 */
export function mountContentRoute(router: Router, ctx: ApiContext, subscribers: SubscriberState): void {
  apiRoute(
    router,
    ctx,
    'GET /contents/{contentId}',
    ({ params }) => {
      const file = subscribers.files.get(params.contentId ?? '');
      if (!file) throw new ApiError(404, 'The requested resource could not be found.');
      if (file.unscannable) throw new ApiError(428, 'The file could not be scanned for malware, so it cannot be downloaded.');
      const left = file.scannedAt - Date.now();
      if (left > 0) throw new ApiError(423, 'The file is being scanned for malware; try again later.', [], { 'Retry-After': String(Math.max(1, Math.ceil(left / 1000))) });
      return { status: 200, file };
    },
    { unspecified: true },
  );
}
