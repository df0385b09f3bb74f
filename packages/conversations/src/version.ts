/** The version of Twilio's SDK whose API this one has; apps that check it see what they expect. */
export const version = "3.0.1";
