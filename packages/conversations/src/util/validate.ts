/**
 * Runtime argument checks. Twilio's SDK validates the arguments of its public methods with a
 * declarative validator and throws a TypeError worded like these; apps written in plain
 * JavaScript rely on getting that error instead of a confusing server reply.
 */
import { isJsonValue } from "./json.js";

type Rule = { test: (value: unknown) => boolean; expected: string };

export const rules = {
  string: { test: (v) => typeof v === "string", expected: "of type string" },
  nonEmptyString: { test: (v) => typeof v === "string" && v.length > 0, expected: "a non-empty string" },
  number: { test: (v) => typeof v === "number" && !Number.isNaN(v), expected: "of type number" },
  nonNegativeInteger: { test: (v) => Number.isInteger(v) && (v as number) >= 0, expected: "a non-negative integer" },
  positiveInteger: { test: (v) => Number.isInteger(v) && (v as number) > 0, expected: "a positive integer" },
  null: { test: (v) => v === null, expected: "null" },
  undefined: { test: (v) => v === undefined, expected: "undefined" },
  json: { test: isJsonValue, expected: "a valid JSON value" },
  pureObject: {
    test: (v) => typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype,
    expected: "a pure object",
  },
  array: { test: Array.isArray, expected: "an array" },
  stringArray: { test: (v) => Array.isArray(v) && v.every((s) => typeof s === "string"), expected: "an array of strings" },
} satisfies Record<string, Rule>;

/** A rule that accepts one of the given literal values. */
export function literal(...values: readonly (string | number | null)[]): Rule {
  return { test: (v) => values.includes(v as string), expected: values.map((v) => JSON.stringify(v)).join(", ") };
}

/** A rule for an instance of a class (FormData, Media, Participant…). */
export function instanceOf(ctor: abstract new (...args: never[]) => unknown, name: string): Rule {
  return { test: (v) => typeof ctor === "function" && v instanceof ctor, expected: `an instance of ${name}` };
}

/** A rule for a custom shape. */
export function custom(expected: string, test: (value: unknown) => boolean): Rule {
  return { test, expected };
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `"${value}"`;
  if (value === null) return "null";
  if (typeof value === "object") {
    const name = (value as object).constructor?.name;
    return name && name !== "Object" ? `instance of ${name}` : "object";
  }
  return String(value);
}

/**
 * Checks `args` against one list of alternative rules per argument position; throws a TypeError
 * naming the first argument that matches none of its rules.
 */
export function validateArgs(args: readonly unknown[], ...positions: Rule[][]): void {
  positions.forEach((alternatives, i) => {
    const value = args[i];
    if (alternatives.some((rule) => rule.test(value))) return;
    const expected = alternatives.map((r) => r.expected);
    const text = expected.length > 1 ? `${expected.slice(0, -1).join(", ")} or ${expected.at(-1)}` : expected[0];
    throw new TypeError(`Argument ${i + 1} is expected to be ${text}, but got ${describeValue(value)}`);
  });
}
