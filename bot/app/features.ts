import * as approval from '../approval/register.ts';
import * as bulk from '../bulk/register.ts';
import * as consent from '../consent/register.ts';
import * as customer from '../customer/register.ts';
import * as help from '../help/register.ts';
import * as language from '../language/register.ts';
import * as location from '../location/register.ts';
import * as packages from '../packages/register.ts';
import * as offboard from '../offboard/register.ts';
import * as numbers from '../numbers/register.ts';
import * as setup from '../setup/register.ts';
import * as status from '../status/register.ts';
import * as template from '../template/register.ts';
import * as user from '../user/register.ts';
import * as cancel from '../cancel/register.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';

/** Every feature, in the order `help` lists their commands; `help` comes last so it sees them all. */
export function registerFeatures(kit: FeatureKit): void {
  template.register(kit);
  customer.register(kit);
  setup.register(kit);
  user.register(kit);
  bulk.register(kit);
  consent.register(kit);
  location.register(kit);
  packages.register(kit);
  offboard.register(kit);
  numbers.register(kit);
  status.register(kit);
  approval.register(kit);
  language.register(kit);
  cancel.register(kit);
  help.register(kit);
}
