/**
 * The official `twilio` helper, unmodified, pointed at a Confab server: its `httpClient` option
 * takes a client whose requests go to Confab instead of `https://conversations.twilio.com`.
 */
import twilio from "twilio";

const RequestClient = twilio.RequestClient;

class ConfabRequestClient extends RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request<T>(opts: Parameters<InstanceType<typeof RequestClient>["request"]>[0]) {
    const uri = new URL(opts.uri);
    const rewritten = `${this.baseUrl}${uri.pathname}${uri.search}`;
    return super.request<T>({ ...opts, uri: rewritten } as typeof opts as never);
  }
}

/** A Twilio client that talks to the Confab server at `baseUrl` with the given credentials. */
export function twilioClient(baseUrl: string, username: string, password: string, accountSid?: string) {
  return twilio(username, password, { httpClient: new ConfabRequestClient(baseUrl) as never, ...(accountSid ? { accountSid } : {}) });
}

export { twilio };
