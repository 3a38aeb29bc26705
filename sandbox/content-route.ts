import type { Router } from 'express';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import type { SubscriberState } from './subscriber-state.ts';

/**
 * Files attached to messages, as Webex serves them: only to those who may read a message that
 * carries the file (or to its uploader, before posting it); while its malware scan of a new file
 * runs the download answers 423 Locked with Retry-After, and a file it cannot scan answers 428.
 */
export function mountContentRoute(
  router: Router,
  ctx: ApiContext,
  subscribers: SubscriberState,
  apiUrl: () => string,
): void {
  apiRoute(
    router,
    ctx,
    'GET /contents/{contentId}',
    ({ person, params }) => {
      const id = params.contentId ?? '';
      const file = subscribers.files.get(id);
      const url = `${apiUrl()}/contents/${id}`;
      // Someone who may not see the file gets the same 404 as for a file that does not exist, so
      // the answer does not tell that it does.
      const mayRead =
        file &&
        (file.uploadedBy === person.id ||
          ctx.state.messages.some((m) => m.files?.includes(url) && ctx.state.canSee(person, m)));
      if (!file || !mayRead) throw new ApiError(404, 'The requested resource could not be found.');
      if (file.unscannable)
        throw new ApiError(428, 'The file could not be scanned for malware, so it cannot be downloaded.');
      const left = file.scannedAt - Date.now();
      if (left > 0)
        throw new ApiError(423, 'The file is being scanned for malware; try again later.', [], {
          'Retry-After': String(Math.max(1, Math.ceil(left / 1000))),
        });
      return { status: 200, file };
    },
    { unspecified: true },
  );
}
