/**
 * The official `twilio` helper, unmodified, pointed at a Confab server: its `httpClient` option
 * takes a client whose requests go to Confab instead of `https://conversations.twilio.com`.
 */
import twilio from "twilio";
import { checkAgainstTwilio } from "./twilio-schemas.js";

const RequestClient = twilio.RequestClient;

class ConfabRequestClient extends RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override async request<T>(opts: Parameters<InstanceType<typeof RequestClient>["request"]>[0]) {
    const uri = new URL(opts.uri);
    const rewritten = `${this.baseUrl}${uri.pathname}${uri.search}`;
    const response = await super.request<T>({ ...opts, uri: rewritten } as typeof opts as never);
    const body: unknown = typeof response.body === "string" && response.body.length > 0 ? JSON.parse(response.body) : response.body;
    if (response.statusCode >= 200 && response.statusCode < 300 && body !== undefined && body !== null && body !== "") {
      const problems = checkAgainstTwilio(opts.method, rewritten, body);
      if (problems.length > 0) throw new Error(`The answer does not match Twilio's published schema:\n${problems.join("\n")}`);
    }
    return response;
  }
}

/** A Twilio client that talks to the Confab server at `baseUrl` with the given credentials. */
export function twilioClient(baseUrl: string, username: string, password: string, accountSid?: string) {
  return twilio(username, password, { httpClient: new ConfabRequestClient(baseUrl) as never, ...(accountSid ? { accountSid } : {}) });
}

export { twilio };
