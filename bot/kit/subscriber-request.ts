import type { UserOrder } from '../../machines/kit/user-fields.ts';
import type { NewSubscriber } from '../../webex/wholesale-schemas.ts';

/** The Wholesale request (`POST /wholesale/subscribers` and its precheck) for a user to add. */
export function subscriberRequest(user: UserOrder): NewSubscriber {
  return {
    customerId: user.customerId,
    email: user.email,
    packages: [user.package],
    provisioningParameters: {
      firstName: user.firstName,
      lastName: user.lastName,
      ...(user.primaryPhoneNumber ? { primaryPhoneNumber: user.primaryPhoneNumber } : {}),
      ...(user.extension ? { extension: user.extension } : {}),
      ...(user.locationId ? { locationId: user.locationId } : {}),
    },
  };
}
