/** The server's version, reported by `GET /health`. */
export const version = "0.1.0";
