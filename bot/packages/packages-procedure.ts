import { packagesActions, packagesCard, packagesFacts } from '../../cards/packages/packages-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import {
  PACKAGES_MACHINE_VERSION,
  packagesMachine,
  type PackagesInput,
} from '../../machines/packages/packages-machine.ts';
import type { PackagesTarget } from '../../machines/packages/packages-fields.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import type { Logger } from '../engine/logger.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { checkPackagesStatusEffect } from './check-packages-status-effect.ts';
import { countHoldersEffect } from './count-holders-effect.ts';
import { updatePackagesEffect } from './update-packages-effect.ts';
import type { PackagesContext } from '../../machines/packages/packages-machine.ts';
import type { Translate } from '../../i18n/catalogue.ts';

export interface PackagesProcedureDeps {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly approvals: ApprovalService;
  readonly log: Logger;
  readonly pollMs: number;
  readonly clock?: () => Date;
  readonly backoffMs?: number;
}

/** What the procedure will do: its summary card, and the lines the approval card shows. */
const summary = (context: PackagesContext, t: Translate) => factsMarkdown(packagesFacts(t, context));

/** `change packages <customer>`, wired to the Wholesale API. */
export function packagesProcedure(deps: PackagesProcedureDeps): Procedure<PackagesTarget> {
  const machine = packagesMachine.provide({
    actors: {
      countHolders: countHoldersEffect(deps),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'change-packages',
        externalId: (context) => context.customer.externalId,
        subject: (context, { t }) => t('packages.subject', { name: context.customer.name }),
        summary,
      }),
      updatePackages: updatePackagesEffect(deps),
      checkStatus: checkPackagesStatusEffect(deps),
    },
  });
  return defineProcedure({
    kind: 'packages',
    version: PACKAGES_MACHINE_VERSION,
    name: 'procedure.packages',
    command: 'change packages',
    machine,
    keys: (context) => ({ externalId: context.customer.externalId }),
    wakeAt: (context) => context.wakeAt,
    waitsForCredentials: inCredentialsWait,
    input: ({ conversationId, roomId, startedBy, subject: target }: StartInfo<PackagesTarget>): PackagesInput => {
      return {
        conversationId,
        roomId,
        startedBy,
        customer: {
          externalId: target.externalId,
          id: target.id,
          name: target.name,
          country: target.country,
          packages: [...target.packages],
        },
        pollMs: deps.pollMs,
      };
    },
    buttons: [packagesActions.next, packagesActions.back, packagesActions.submit, packagesActions.cancel],
    card: (state, context, view) => packagesCard(state, context, view),
    summary,
  });
}
