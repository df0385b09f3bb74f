import * as compatCoercing from "../generated/compat-validators-coercing.js";
import * as compatStrict from "../generated/compat-validators-strict.js";
import * as coercing from "../generated/validators-coercing.js";
import * as strict from "../generated/validators-strict.js";
import type { ValidationError, Validator } from "../runtime/validator.js";

/** The generated validators of one operation. */
export type OperationValidators = { params: Validator; body?: Validator; response?: Validator };

type ValidatorTable = Record<string, Validator | undefined>;
const coercingTable = coercing as unknown as ValidatorTable;
const strictTable = strict as unknown as ValidatorTable;

/** The generated validators of a REST operation (spec/openapi). */
export function validatorsOf(operationId: string): OperationValidators {
  return lookUp(coercingTable, strictTable, operationId);
}

/** The generated validators of an operation of the compatibility protocol's HTTP side (spec/openapi-compat). */
export function compatValidatorsOf(operationId: string): OperationValidators {
  return lookUp(compatCoercing as unknown as ValidatorTable, compatStrict as unknown as ValidatorTable, operationId);
}

// Parameters are coerced from strings; a form body is coerced, a JSON body checked as it is.
function lookUp(coercingValidators: ValidatorTable, strictValidators: ValidatorTable, operationId: string): OperationValidators {
  const params = coercingValidators[`${operationId}_params`];
  if (!params) throw new Error(`No generated validators for ${operationId}; run pnpm generate`);
  return {
    params,
    body: coercingValidators[`${operationId}_body`] ?? strictValidators[`${operationId}_body`],
    response: strictValidators[`${operationId}_response`],
  };
}

/** The validator of a socket frame by its AsyncAPI message name, if there is one. */
export function frameValidator(messageName: string): Validator | undefined {
  return strictTable[`frame_${messageName}`];
}

/**
 * Turns the first validation error into the sentence Twilio would answer with, naming the
 * parameter. `where` is "post body", "query" and so on.
 */
export function describeValidationError(error: ValidationError | undefined, where: string): string {
  if (!error) return `Invalid ${where}`;
  if (error.keyword === "required") return `Missing required parameter ${String(error.params.missingProperty)} in the ${where}`;
  const name = parameterName(error.instancePath);
  const detail = explain(error);
  return name ? `Invalid value for parameter ${name} in the ${where}: ${detail}` : `Invalid ${where}: ${detail}`;
}

function parameterName(instancePath: string): string {
  const first = instancePath.split("/")[1] ?? "";
  return first.replace(/~1/g, "/").replace(/~0/g, "~");
}

function explain(error: ValidationError): string {
  const p = error.params;
  switch (error.keyword) {
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map(String).join(", ")}`;
    case "format":
      return p.format === "json" ? "must be a valid JSON string" : `must be a valid ${String(p.format)}`;
    case "pattern":
      return `must match ${String(p.pattern)}`;
    default:
      return error.message ?? error.keyword;
  }
}
