/**
 * What is wrong with an error body, measured against Twilio's shape
 * `{code: number, message: string, more_info: string, status: number}` with `status` equal to
 * the status it was answered with; null when it is right.
 */
export function twilioErrorProblem(status: number, body: unknown): string | null {
  if (typeof body !== "object" || body === null) return `the ${status} body is not a JSON object: ${String(body).slice(0, 200)}`;
  const error = body as Record<string, unknown>;
  if (typeof error.code !== "number") return `code is not a number in ${JSON.stringify(body).slice(0, 300)}`;
  if (typeof error.message !== "string") return `message is not a string in ${JSON.stringify(body).slice(0, 300)}`;
  if (typeof error.more_info !== "string" || !error.more_info.startsWith("https://www.twilio.com/docs/errors/"))
    return `more_info is not a Twilio docs link in ${JSON.stringify(body).slice(0, 300)}`;
  if (error.status !== status) return `status ${String(error.status)} in a ${status} answer: ${JSON.stringify(body).slice(0, 300)}`;
  return null;
}
