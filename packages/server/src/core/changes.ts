/** Names of the fields whose values differ between two versions of a record, for `updated` lists in events. */
export function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map(String);
}
