/** The version of `twilio-chat` whose API this package offers. */
export const version = "6.0.0";
