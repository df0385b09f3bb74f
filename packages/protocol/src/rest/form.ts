/**
 * Twilio's form encoding (`application/x-www-form-urlencoded`), in both directions.
 *
 * Twilio's parameters are flat PascalCase keys; nested ones are dotted (`Timers.Inactive`) and
 * lists repeat their key (`Filters=a&Filters=b`). `encodeForm` accepts either those flat keys or
 * nested objects (`{ Timers: { Inactive: "PT5M" } }`), which it flattens to dotted keys.
 */

/** A value a form field can be given: scalars, lists of scalars, or nested objects of them. */
export type FormValue = string | number | boolean | Date | null | undefined | FormValue[] | { [key: string]: FormValue };

/** Decoded form fields: a repeated key becomes a list, in the order the keys came. */
export type DecodedForm = Record<string, string | string[]>;

export function encodeForm(fields: Record<string, FormValue>): string {
  const out = new URLSearchParams();
  appendFields(out, "", fields);
  return out.toString();
}

function appendFields(out: URLSearchParams, prefix: string, value: FormValue): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === "object" && !(item instanceof Date) && !Array.isArray(item)) {
        // Twilio sends an object inside a list as a JSON string (e.g. ConversationWithParticipants).
        out.append(prefix, JSON.stringify(item));
      } else {
        appendFields(out, prefix, item);
      }
    }
    return;
  }
  if (value instanceof Date) {
    out.append(prefix, value.toISOString());
    return;
  }
  if (typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) appendFields(out, prefix ? `${prefix}.${key}` : key, inner);
    return;
  }
  out.append(prefix, String(value));
}

/** Decodes a form body or query string; keys stay flat and dotted, as the spec names them. */
export function decodeForm(input: string | URLSearchParams): DecodedForm {
  const params = typeof input === "string" ? new URLSearchParams(input) : input;
  const fields: DecodedForm = {};
  for (const [key, value] of params) {
    const existing = fields[key];
    if (existing === undefined) fields[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[key] = [existing, value];
  }
  return fields;
}
