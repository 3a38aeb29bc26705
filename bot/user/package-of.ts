/** The user's package as Webex lists it (`packages` where the answer has it, else `package`). */
export function packageOf(subscriber: { readonly package?: string; readonly packages?: readonly string[] }): string {
  return subscriber.packages?.[0] ?? subscriber.package ?? '';
}
