/** One error as the generated (ajv) validators report it. */
export type ValidationError = {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
};

/**
 * A validator generated ahead of time from the spec. It returns whether `data` is valid and, when
 * not, leaves the reasons on `errors`. Validators of request parameters and form bodies also
 * coerce in place: form values arrive as strings, and `"5"` becomes `5`, `"true"` becomes `true`,
 * and a single value becomes a one-item list where the spec wants a list.
 */
export type Validator = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
