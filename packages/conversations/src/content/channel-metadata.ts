/** Channel-specific data of a message that came from a non-chat channel (e.g. email headers). */
export class ChannelMetadata {
  /** The channel, e.g. `email`. */
  readonly type: string;
  /** The channel's data. */
  readonly data: unknown;

  /** @internal */
  constructor(type: string, data: unknown) {
    this.type = type;
    this.data = data;
  }
}
