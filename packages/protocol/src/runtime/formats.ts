/**
 * String formats the generated validators check. The code generator compiles the validators
 * with these functions and the generated code imports this same object at run time, so a format
 * means one thing everywhere.
 */

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DURATION = /^P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/;

export const formats = {
  /** RFC 3339 timestamp that is also a real date (no 2021-02-30). */
  "date-time": (value: string): boolean => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  date: (value: string): boolean => DATE.test(value) && !Number.isNaN(Date.parse(value)),
  /** ISO 8601 duration such as PT10M; used by conversation timers. */
  duration: (value: string): boolean => DURATION.test(value),
  /** An absolute URI. */
  uri: (value: string): boolean => URI.test(value),
  /** A string that parses as JSON (Twilio's `Attributes`). */
  json: (value: string): boolean => {
    try {
      JSON.parse(value);
      return true;
    } catch {
      return false;
    }
  },
};

export type FormatName = keyof typeof formats;
