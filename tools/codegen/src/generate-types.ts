import openapiTS, { astToString } from "openapi-typescript";
import type { OpenApiDocument } from "./bundle-openapi.js";
import { generatedHeader } from "./header.js";

/**
 * TypeScript types for every REST resource, parameter set and response: openapi-typescript's
 * `paths`, `operations` and `components` interfaces, from the bundled document.
 */
export async function generateRestTypes(doc: OpenApiDocument): Promise<string> {
  const ast = await openapiTS(doc as never, {
    alphabetize: false,
    exportType: false,
    immutable: false,
    pathParamsAsTypes: false,
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
  });
  return generatedHeader("spec/openapi") + astToString(ast);
}
