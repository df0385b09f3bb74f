export { attachTwilsock, TWILSOCK_PATH } from "./gateway.js";
