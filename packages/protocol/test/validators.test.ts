import { describe, expect, it } from "vitest";
import asyncapi from "../src/generated/asyncapi-realtime.json" with { type: "json" };
import openapi from "../src/generated/openapi.json" with { type: "json" };
import { operations } from "../src/generated/operations.js";
import * as coercing from "../src/generated/validators-coercing.js";
import * as strict from "../src/generated/validators-strict.js";
import type { Validator } from "../src/runtime/validator.js";
import { invalidSample, registerDocument, validSample } from "./support/samples.js";

type Json = Record<string, any>;
const doc = openapi as Json;

function deref(node: Json): Json {
  let current = node;
  while (current?.$ref)
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((acc: Json, k: string) => acc[k], doc);
  return current;
}

/** The operation object of the spec for an operationId. */
function specOperation(id: keyof typeof operations): { op: Json; pathItem: Json } {
  const entry = operations[id];
  const pathItem = deref(doc.paths[entry.path]);
  return { op: pathItem[entry.method.toLowerCase()], pathItem };
}

/** The schema a `<Op>_params` validator was compiled from: one object over every parameter. */
function paramsSchema(id: keyof typeof operations): Json {
  const { op, pathItem } = specOperation(id);
  const properties: Json = {};
  const required: string[] = [];
  for (const raw of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
    const p = deref(raw);
    properties[p.name] = p.schema;
    if (p.required) required.push(p.name);
  }
  return { type: "object", properties, required };
}

const ids = Object.keys(operations) as (keyof typeof operations)[];
const coercingTable = coercing as unknown as Record<string, Validator>;
const strictTable = strict as unknown as Record<string, Validator>;

describe("generated REST validators", () => {
  it("exist for every operation", () => {
    for (const id of ids) expect(coercingTable[`${id}_params`], id).toBeTypeOf("function");
    expect(ids.length).toBeGreaterThanOrEqual(103);
  });

  for (const id of ids) {
    describe(id, () => {
      it("accepts valid parameters and rejects invalid ones", () => {
        const schema = paramsSchema(id);
        const validate = coercingTable[`${id}_params`] as Validator;
        const good = validSample(schema);
        expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
        const bad = invalidSample(schema);
        expect(validate(bad.value), `accepted parameters ${bad.why}`).toBe(false);
      });

      const { op } = specOperation(id);
      const form = deref(op.requestBody ?? {})?.content?.["application/x-www-form-urlencoded"]?.schema;
      if (form) {
        it("accepts a valid form body and rejects an invalid one", () => {
          const validate = coercingTable[`${id}_body`] as Validator;
          expect(validate(validSample(form)), JSON.stringify(validate.errors)).toBe(true);
          const bad = invalidSample(form);
          expect(validate(bad.value), `accepted a body ${bad.why}`).toBe(false);
        });
      }

      const status = String(operations[id].successStatus);
      const response = deref(op.responses[status] ?? {})?.content?.["application/json"]?.schema;
      if (response) {
        it("accepts a valid response and rejects an invalid one", () => {
          const validate = strictTable[`${id}_response`] as Validator;
          expect(validate(validSample(response)), JSON.stringify(validate.errors)).toBe(true);
          const bad = invalidSample(response);
          expect(validate(bad.value), `accepted a response ${bad.why}`).toBe(false);
        });
      }
    });
  }
});

describe("coercion of form and query values", () => {
  it("turns strings into the spec's integers and booleans, and a single value into a list", () => {
    const params: Json = { PageSize: "20", Page: "0" };
    expect(coercing.ListConversation_params(params)).toBe(true);
    expect(params).toEqual({ PageSize: 20, Page: 0 });
  });

  it("rejects a string that is no number where an integer is wanted", () => {
    expect(coercing.ListConversation_params({ PageSize: "twenty" })).toBe(false);
    expect(coercing.ListConversation_params({ PageSize: "5000" })).toBe(false);
  });

  it("rejects Attributes that are not JSON", () => {
    expect(coercing.CreateConversation_body({ Attributes: "{not json" })).toBe(false);
    expect(coercing.CreateConversation_body({ Attributes: '{"topic":"x"}' })).toBe(true);
  });

  it("rejects a SID of the wrong kind", () => {
    expect(coercing.CreateConversation_body({ MessagingServiceSid: `CH${"0".repeat(32)}` })).toBe(false);
    expect(coercing.CreateConversation_body({ MessagingServiceSid: `MG${"0".repeat(32)}` })).toBe(true);
  });
});

describe("the error body validator", () => {
  it("accepts Twilio's shape and rejects anything less", () => {
    const body = { code: 20404, message: "Not found", more_info: "https://www.twilio.com/docs/errors/20404", status: 404 };
    expect(strict.Error(body)).toBe(true);
    expect(strict.Error({ code: 20404, message: "Not found", status: 404 })).toBe(false);
  });
});

describe("generated socket frame validators", () => {
  registerDocument("asyncapi.realtime.json", asyncapi);
  const messages = (asyncapi as Json).components.messages as Record<string, Json>;

  it("exist for every message of the AsyncAPI document", () => {
    expect(Object.keys(messages).length).toBeGreaterThanOrEqual(28);
    for (const name of Object.keys(messages)) expect(strictTable[`frame_${name}`], name).toBeTypeOf("function");
  });

  for (const [name, message] of Object.entries(messages)) {
    it(`${name}: accepts a valid frame and rejects an invalid one`, () => {
      const validate = strictTable[`frame_${name}`] as Validator;
      const payload = message.payload as Json;
      const good = validSample(payload, "asyncapi.realtime.json");
      expect(validate(good), `${JSON.stringify(good)}: ${JSON.stringify(validate.errors)}`).toBe(true);
      const bad = invalidSample(payload, "asyncapi.realtime.json");
      expect(validate(bad.value), `accepted a frame ${bad.why}`).toBe(false);
    });
  }

  it("checks the examples of the AsyncAPI document", () => {
    for (const [name, message] of Object.entries(messages)) {
      for (const example of (message.examples ?? []) as Json[]) {
        const validate = strictTable[`frame_${name}`] as Validator;
        expect(validate(example.payload), `${name}/${example.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it("rejects a client frame with a property the protocol does not have", () => {
    expect(strict.frame_hello({ type: "hello", token: "t", extra: 1 })).toBe(false);
    expect(strict.frame_hello({ type: "hello", token: "t", cursor: null })).toBe(true);
  });
});
