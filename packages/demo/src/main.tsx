import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Admin } from "./admin/Admin.js";
import { ChatApp } from "./chat/ChatApp.js";
import { SignIn } from "./chat/SignIn.js";
import { type DevToken, fetchDevToken } from "./lib/token.js";
import "./styles.css";

const SESSION_KEY = "confab.session";
/** Token lifetime in seconds: `?ttl=` (60–86400) for trying renewal, else an hour. */
const ttl = (() => {
  const value = Number(new URLSearchParams(location.search).get("ttl"));
  return Number.isInteger(value) && value >= 60 && value <= 86400 ? value : 3600;
})();

function App() {
  const [admin, setAdmin] = useState(() => location.hash.startsWith("#/admin"));
  const [session, setSession] = useState<DevToken | null>(() => {
    const saved = sessionStorage.getItem(SESSION_KEY);
    return saved ? (JSON.parse(saved) as DevToken) : null;
  });
  useEffect(() => {
    const onHash = () => setAdmin(location.hash.startsWith("#/admin"));
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    document.title = admin ? "Confab admin" : session ? `Confab: ${session.identity}` : "Confab";
  }, [admin, session]);

  if (admin) return <Admin />;
  if (!session) {
    return (
      <SignIn
        ttl={ttl}
        onSignedIn={(token) => {
          // The identity survives a reload of this tab; the token is fetched fresh then.
          sessionStorage.setItem(SESSION_KEY, JSON.stringify({ ...token, token: "" }));
          setSession(token);
        }}
      />
    );
  }
  if (!session.token) return <Resume identity={session.identity} onToken={setSession} onFail={() => setSession(null)} />;
  return (
    <ChatApp
      key={session.identity}
      session={session}
      ttl={ttl}
      onSignOut={() => {
        sessionStorage.removeItem(SESSION_KEY);
        location.hash = "#/";
        setSession(null);
      }}
    />
  );
}

/** After a reload: a fresh token for the identity this tab signed in as. */
function Resume({ identity, onToken, onFail }: { identity: string; onToken: (t: DevToken) => void; onFail: () => void }) {
  useEffect(() => {
    fetchDevToken(identity, ttl).then(onToken).catch(onFail);
  }, [identity]);
  return (
    <p class="loading" role="status">
      Signing in as {identity}…
    </p>
  );
}

render(<App />, document.getElementById("app")!);
