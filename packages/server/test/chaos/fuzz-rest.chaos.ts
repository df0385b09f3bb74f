/**
 * Fuzzing the REST API over real HTTP: inputs generated from the OpenAPI document for every
 * operation (valid values, then mutations) and sent as the account, as a user, without
 * credentials and with wrong ones. The server never answers 5xx (the test server also fails on
 * any error it reports), every 4xx carries Twilio's error body with its own status, a rejected
 * write changes nothing (checked on a sample, by counting the store's records around it), and
 * the server is alive after every batch. Figures go to chaos-results/fuzz-rest.json.
 */
import { operations } from "@confab/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/index.js";
import { testServer } from "../support/server.js";
import { userToken } from "../support/user-token.js";
import { recordFigures } from "./support/figures.js";
import { assertAlive, FUZZ_USER, seedPool, storeCounts } from "./support/fuzz-target.js";
import { knobs } from "./support/knobs.js";
import { encodeFields, type RestInput, restInput, type SidPool, urlOf } from "./support/rest-inputs.js";
import { twilioErrorProblem } from "./support/twilio-error.js";

/** The REST fuzzer's share of the inputs. */
const RUNS = Math.round(knobs.fuzzRuns * 0.35);
const BATCH = 2500;

let server: RunningServer;
let pool: SidPool;
beforeAll(async () => {
  server = await testServer();
  pool = await seedPool(server);
});
afterAll(() => server.close());

/** Sends one input over HTTP; resolves to the status and the body's text. */
async function send(input: RestInput): Promise<{ status: number; text: string; contentType: string }> {
  const entry = operations[input.operation];
  const headers: Record<string, string> = { ...input.headers };
  const c = server.credentials;
  if (input.caller === "account") headers.Authorization = `Basic ${Buffer.from(`${c.accountSid}:${c.authToken}`).toString("base64")}`;
  if (input.caller === "wrong") headers.Authorization = `Basic ${Buffer.from(`${c.accountSid}:not-the-token`).toString("base64")}`;
  if (input.caller === "user") headers["X-Twilio-Token"] = userToken(server, FUZZ_USER);
  let body: string | undefined;
  if (input.body && entry.method !== "GET") {
    if ("form" in input.body) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = encodeFields(input.body.form);
    } else {
      if (input.body.contentType) headers["Content-Type"] = input.body.contentType;
      body = input.body.raw;
    }
  }
  const res = await fetch(`${server.url}${urlOf(input)}`, { method: entry.method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") ?? "" };
}

describe("REST fuzzing", () => {
  it(`answers ${RUNS} generated and mutated requests with a 2xx or a Twilio-shaped 4xx, and rejected writes change nothing`, async () => {
    const started = Date.now();
    const figures = { tried: 0, byStatus: {} as Record<string, number>, rejectedWritesChecked: 0, batches: 0 };
    const arbitrary = restInput(pool);
    for (let done = 0; done < RUNS; done += BATCH) {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          figures.tried++;
          const write = operations[input.operation].method !== "GET";
          // A sample of the writes is bracketed by store counts: a rejected one must change none.
          const check = write && figures.tried % 5 === 0;
          const before = check ? await storeCounts(server) : null;
          const answer = await send(input);
          const bucket = `${Math.floor(answer.status / 100)}xx`;
          figures.byStatus[bucket] = (figures.byStatus[bucket] ?? 0) + 1;
          const where = `${operations[input.operation].method} ${urlOf(input).slice(0, 200)}`;
          if (answer.status >= 500) throw new Error(`${where} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
          if (answer.status >= 400) {
            if (!answer.contentType.includes("json")) throw new Error(`${where} answered ${answer.status} without JSON`);
            const problem = twilioErrorProblem(answer.status, JSON.parse(answer.text));
            if (problem) throw new Error(`${where}: ${problem}`);
            if (before) {
              expect(await storeCounts(server), `${where} was rejected with ${answer.status} but changed the store`).toEqual(before);
              figures.rejectedWritesChecked++;
            }
          }
        }),
        { numRuns: Math.min(BATCH, RUNS - done), seed: knobs.seed + done },
      );
      figures.batches++;
      await assertAlive(server.url);
    }
    recordFigures("fuzz-rest", { seed: knobs.seed, ...figures, fiveHundreds: 0, durationMs: Date.now() - started });
    expect(figures.tried).toBeGreaterThanOrEqual(RUNS);
    expect(figures.byStatus["2xx"]).toBeGreaterThan(0);
    expect(figures.byStatus["4xx"]).toBeGreaterThan(0);
  });
});
