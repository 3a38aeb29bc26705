/** A location's look-up key: its customer and its name, ignoring case (as `enable calling` is typed). */
export function locationKey(externalId: string, name: string): string {
  return `${externalId}/${name.trim().toLowerCase()}`;
}
