import { useState } from "preact/hooks";
import { identityError } from "../lib/logic.js";
import { type DevToken, fetchDevToken } from "../lib/token.js";

/** Sign-in as an identity with the server's development token endpoint. */
export function SignIn({ ttl, onSignedIn }: { ttl: number; onSignedIn: (token: DevToken) => void }) {
  const [identity, setIdentity] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problem = identityError(identity);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await fetchDevToken(identity.trim(), ttl));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <h1>Confab</h1>
      <p class="muted">Chat on your own Confab server. In development mode anyone can sign in as any identity.</p>
      <form onSubmit={submit} aria-describedby={error ? "signin-error" : undefined}>
        <label for="identity">Identity</label>
        <input
          id="identity"
          name="identity"
          autocomplete="username"
          placeholder="alice"
          value={identity}
          onInput={(e) => setIdentity(e.currentTarget.value)}
          aria-invalid={error ? "true" : undefined}
          autofocus
        />
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        {error && (
          <p id="signin-error" class="error" role="alert">
            {error}
          </p>
        )}
      </form>
      <p class="muted">
        <a href="#/admin">Admin view</a> (Account SID and Auth Token)
      </p>
    </main>
  );
}
