import { DomainCodes, fail } from "./errors.js";

/**
 * Checks an `Attributes` value: JSON (the validators already ensured that it parses) and no longer
 * than the limit in bytes. Absent attributes are `{}`, as Twilio stores them.
 */
export function checkAttributes(value: string | undefined, limitBytes: number, parameter = "Attributes"): string | undefined {
  if (value === undefined) return undefined;
  if (Buffer.byteLength(value, "utf8") > limitBytes) {
    throw fail.invalid(`${parameter} must be at most ${limitBytes} bytes`, DomainCodes.invalidAttributes);
  }
  return value;
}
