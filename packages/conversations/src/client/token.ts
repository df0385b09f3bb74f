/** The identity an access token grants, read without verifying it (only to name the cache). */
export function tokenIdentity(token: string): string | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)))) as {
      grants?: { identity?: unknown };
    };
    return typeof json.grants?.identity === "string" ? json.grants.identity : null;
  } catch {
    return null;
  }
}
