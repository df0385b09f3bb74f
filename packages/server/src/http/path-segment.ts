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

/**
 * Percent-encodes each segment of a path built from decoded parameters (a unique name may hold
 * spaces, quotes or non-ASCII text), so the links made from it are valid URLs. Lone surrogates
 * become U+FFFD, as they would on the wire.
 */
export function encodePath(path: string): string {
  return path
    .split("/")
    .map((segment) =>
      encodeURIComponent(segment.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")),
    )
    .join("/");
}
