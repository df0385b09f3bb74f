/**
 * Which of Twilio's Conversations v1 operations a test run exercised. The operations are the
 * reference list (../shared/reference/twilio-rest/operations.tsv: method, path, operationId,
 * success status…); each request the official helper makes is matched to one of them by method
 * and path, a `{Param}` segment standing for any one segment.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export type Operation = {
  method: string;
  path: string;
  operationId: string;
  /** The statuses Twilio answers a success with (`201,202` → [201, 202]). */
  successStatus: number[];
};

export type RecordedCall = { method: string; path: string; status: number; operationId: string | null };

const operationsPath = resolve(import.meta.dirname, "../../../../../shared/reference/twilio-rest/operations.tsv");

/** The reference operations, in the file's order. */
export function loadOperations(file = operationsPath): Operation[] {
  const [header, ...rows] = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  const columns = (header as string).split("\t");
  const at = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`${file} has no ${name} column`);
    return i;
  };
  const [method, path, operationId, success] = [at("method"), at("path"), at("operationId"), at("success_status")];
  return rows.map((row) => {
    const cells = row.split("\t");
    return {
      method: (cells[method] as string).toUpperCase(),
      path: cells[path] as string,
      operationId: cells[operationId] as string,
      successStatus: (cells[success] as string).split(",").map(Number),
    };
  });
}

const chatDocumentPath = resolve(import.meta.dirname, "../../../../../shared/reference/twilio-rest/twilio_chat_v2.json");

/** The operations of one of Twilio's OpenAPI documents (Chat v2 by default), in document order. */
export function loadOperationsFromOpenApi(file = chatDocumentPath): Operation[] {
  const doc = JSON.parse(readFileSync(file, "utf8")) as {
    paths: Record<string, Record<string, { operationId: string; responses: object }>>;
  };
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ["get", "post", "delete"]) {
      const op = item[method];
      if (!op) continue;
      const successStatus = Object.keys(op.responses)
        .filter((code) => code.startsWith("2"))
        .map(Number);
      found.push({ method: method.toUpperCase(), path, operationId: op.operationId, successStatus });
    }
  }
  return found;
}

type Matcher = { operation: Operation; segments: (string | null)[]; literals: number };

/** Records requests and maps each to its operation. */
export class OperationRecorder {
  readonly operations: Operation[];
  readonly calls: RecordedCall[] = [];
  private readonly matchers: Matcher[];

  constructor(operations: Operation[] = loadOperations()) {
    this.operations = operations;
    this.matchers = operations.map((operation) => {
      const segments = operation.path
        .split("/")
        .filter(Boolean)
        .map((s) => (/^\{[^}]+\}$/.test(s) ? null : s));
      return { operation, segments, literals: segments.filter((s) => s !== null).length };
    });
  }

  /** The operation a request is, or null; a literal segment beats a `{Param}` when both match. */
  match(method: string, path: string): Operation | null {
    const parts = path.split("/").filter(Boolean);
    let best: Matcher | null = null;
    for (const m of this.matchers) {
      if (m.operation.method !== method.toUpperCase() || m.segments.length !== parts.length) continue;
      if (!m.segments.every((s, i) => s === null || s === parts[i])) continue;
      if (!best || m.literals > best.literals) best = m;
    }
    return best?.operation ?? null;
  }

  /** A listener for `twilioClient(…, onRequest)`. */
  readonly record = (method: string, url: string, status: number): void => {
    const path = new URL(url).pathname;
    this.calls.push({ method: method.toUpperCase(), path, status, operationId: this.match(method, path)?.operationId ?? null });
  };

  /** The operations some request reached with one of their success statuses. */
  succeeded(): Set<string> {
    const byId = new Map(this.operations.map((o) => [o.operationId, o]));
    const done = new Set<string>();
    for (const call of this.calls) {
      const operation = call.operationId ? byId.get(call.operationId) : undefined;
      if (operation?.successStatus.includes(call.status)) done.add(operation.operationId);
    }
    return done;
  }

  /** The operations no request reached with a success status (those only answered with errors included). */
  missing(): Operation[] {
    const done = this.succeeded();
    return this.operations.filter((o) => !done.has(o.operationId));
  }

  /** Requests that are none of the operations. */
  unmatched(): RecordedCall[] {
    return this.calls.filter((c) => c.operationId === null);
  }

  /** The statuses each operation was answered with, for a report. */
  statuses(operationId: string): number[] {
    return [...new Set(this.calls.filter((c) => c.operationId === operationId).map((c) => c.status))].sort();
  }
}
