/**
 * The official `twilio` helper, unmodified, pointed at a Confab server: its `httpClient` option
 * takes a client whose requests go to Confab instead of `https://conversations.twilio.com`.
 */
import twilio from "twilio";
import { checkAgainstTwilio } from "./twilio-schemas.js";

const RequestClient = twilio.RequestClient;

/** Told of every request the helper makes: its method, the URL it went to, and the status answered. */
export type RequestListener = (method: string, url: string, status: number) => void;

class ConfabRequestClient extends RequestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly onRequest?: RequestListener,
  ) {
    super();
  }

  override async request<T>(opts: Parameters<InstanceType<typeof RequestClient>["request"]>[0]) {
    const uri = new URL(opts.uri);
    const rewritten = `${this.baseUrl}${uri.pathname}${uri.search}`;
    const response = await super.request<T>({ ...opts, uri: rewritten } as typeof opts as never);
    this.onRequest?.(String(opts.method).toUpperCase(), rewritten, response.statusCode);
    const body: unknown = typeof response.body === "string" && response.body.length > 0 ? JSON.parse(response.body) : response.body;
    if (response.statusCode >= 200 && response.statusCode < 300 && body !== undefined && body !== null && body !== "") {
      const problems = checkAgainstTwilio(opts.method, rewritten, body);
      if (problems.length > 0) throw new Error(`The answer does not match Twilio's published schema:\n${problems.join("\n")}`);
    }
    return response;
  }
}

/**
 * A Twilio client that talks to the Confab server at `baseUrl` with the given credentials.
 * `onRequest`, when given, hears of every request it makes (e.g. to record which operations ran).
 */
export function twilioClient(baseUrl: string, username: string, password: string, accountSid?: string, onRequest?: RequestListener) {
  return twilio(username, password, {
    httpClient: new ConfabRequestClient(baseUrl, onRequest) as never,
    ...(accountSid ? { accountSid } : {}),
  });
}

export { twilio };
