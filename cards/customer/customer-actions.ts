/** The buttons of the create-customer cards: an id is the machine event it sends, or (edit) names it in the procedure. */
export const customerActions = {
  next: 'next',
  back: 'back',
  cancel: 'cancel',
  create: 'submit',
  editCompany: 'edit-company',
  editPackages: 'edit-packages',
  editHq: 'edit-hq',
} as const satisfies Record<string, string>;
