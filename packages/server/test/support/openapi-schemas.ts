import { operations } from "@confab/protocol";
import openapi from "@confab/protocol/openapi.json" with { type: "json" };

/** A JSON Schema (or any node) of Confab's OpenAPI document. */
export type Schema = Record<string, any>;
type OperationId = keyof typeof operations;

const doc = openapi as Schema;

/** Follows `$ref`s within the OpenAPI document until a node that is not a reference. */
export function deref(node: Schema | undefined): Schema | undefined {
  let current = node;
  while (current?.$ref)
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .reduce((acc: Schema, k: string) => acc?.[k], doc);
  return current;
}

function operationObject(id: OperationId): { pathItem: Schema; op: Schema | undefined } {
  const entry = operations[id];
  const pathItem = deref(doc.paths[entry.path]) ?? {};
  return { pathItem, op: pathItem[entry.method.toLowerCase()] };
}

/** The form body's schema of an operation (properties, required), if it takes a form. */
export function formSchemaOf(id: OperationId): Schema | undefined {
  const { op } = operationObject(id);
  return deref(deref(op?.requestBody)?.content?.["application/x-www-form-urlencoded"]?.schema);
}

/** Every parameter of an operation (path item's and operation's), dereferenced. */
export function parametersOf(id: OperationId): { name: string; in: string; required?: boolean; schema: Schema }[] {
  const { pathItem, op } = operationObject(id);
  return [...(pathItem.parameters ?? []), ...(op?.parameters ?? [])].map((p: Schema) => {
    const param = deref(p) as Schema;
    return { ...param, schema: deref(param.schema) ?? {} } as { name: string; in: string; required?: boolean; schema: Schema };
  });
}
