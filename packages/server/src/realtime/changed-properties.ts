/**
 * The record fields a change touched (camelCase, see core/changes.ts), as the names of the
 * properties of the resource's JSON that changed. Fields with no JSON property of their own
 * (a conversation's last message index, say) are dropped.
 */
export function changedProperties(fields: string[], json: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const field of fields) {
    const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (snake in json) names.add(snake);
    else if (/^(timer|date_inactive|date_closed)/.test(snake) && "timers" in json) names.add("timers");
  }
  return [...names];
}
