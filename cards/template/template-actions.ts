/** The buttons of the template wizard's cards; the procedure maps each to a machine event. */
export const templateActions = {
  next: 'next',
  back: 'back',
  cancel: 'cancel',
  submit: 'submit',
  editBasics: 'edit-basics',
  editAccess: 'edit-access',
  editSettings: 'edit-settings',
} as const satisfies Record<string, string>;
