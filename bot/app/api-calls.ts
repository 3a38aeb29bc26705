import type { Metrics } from '../engine/metrics.ts';

type Api = 'messaging' | 'wholesale' | 'telephony' | 'people';

interface Call {
  readonly method: string;
  readonly endpoint: string;
  readonly status: number;
  readonly ms: number;
}

/**
 * Every API answer counted once: in the metrics, and as Webex time of the event in hand (the inbox,
 * which exists only after the clients that report to it, so it is attached later).
 */
export function apiCalls(metrics: Metrics) {
  let inbox: { countWebexCall(ms: number): void } | undefined;
  return {
    of(api: Api): (call: Call) => void {
      const count = metrics.apiCall(api);
      return (call) => {
        count(call);
        inbox?.countWebexCall(call.ms);
      };
    },
    into(target: { countWebexCall(ms: number): void }): void {
      inbox = target;
    },
  };
}
