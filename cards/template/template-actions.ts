/** The buttons of the template wizard's cards: an id is the machine event it sends, or (edit) names it in the procedure. */
export const templateActions = {
  next: 'next',
  back: 'back',
  cancel: 'cancel',
  submit: 'submit',
  editBasics: 'edit-basics',
  editAccess: 'edit-access',
  editSettings: 'edit-settings',
} as const satisfies Record<string, string>;
