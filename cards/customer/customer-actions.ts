/** The buttons of the create-customer cards; the procedure maps each to a machine event. */
export const customerActions = {
  next: 'next',
  back: 'back',
  cancel: 'cancel',
  create: 'create',
  editCompany: 'edit-company',
  editPackages: 'edit-packages',
  editHq: 'edit-hq',
} as const satisfies Record<string, string>;
