/**
 * Decodes one percent-encoded path segment. A malformed one (`%`, `%zz`, a lone surrogate's
 * bytes) is kept as it came, as the generated router does: it then names no resource and is
 * answered 404 or 400, never 500.
 */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
