import { type ContentData, parseContentVariant } from "./content-data.js";

/** A variable of a content template, with its default or chosen value. */
export class ContentTemplateVariable {
  /**
   * @param name The variable's name.
   * @param value Its value.
   */
  constructor(
    public readonly name: string,
    public readonly value: string,
  ) {}

  /** A copy with another value, to fill in a template. */
  copyWithValue(value: string): ContentTemplateVariable {
    if (typeof value !== "string") throw new TypeError(`Argument 1 is expected to be of type string, but got ${String(value)}`);
    return new ContentTemplateVariable(this.name, value);
  }
}

/** The JSON of one template as Twilio's Content API lists it. */
export type ContentTemplateJson = {
  sid: string;
  friendly_name: string;
  variables: string;
  variants: Record<string, Record<string, unknown>>;
  date_created: string;
  date_updated: string;
};

/** A rich content template (Twilio Content API) messages can be built from. */
export class ContentTemplate {
  /** The template's SID (`HX…`). */
  readonly sid: string;
  /** Its name. */
  readonly friendlyName: string;
  /** Its variables, with their default values. */
  readonly variables: ContentTemplateVariable[];
  /** Its content per variant (`twilio/text`, `twilio/card`…). */
  readonly variants: Map<string, ContentData>;
  readonly dateCreated: Date;
  readonly dateUpdated: Date;

  /** @internal */
  constructor(json: ContentTemplateJson) {
    this.sid = json.sid;
    this.friendlyName = json.friendly_name;
    let variables: Record<string, string> = {};
    try {
      variables = JSON.parse(json.variables || "{}") as Record<string, string>;
    } catch {
      variables = {};
    }
    this.variables = Object.entries(variables).map(([name, value]) => new ContentTemplateVariable(name, String(value)));
    this.variants = new Map(Object.entries(json.variants ?? {}).map(([kind, raw]) => [kind, parseContentVariant(kind, raw)]));
    this.dateCreated = new Date(json.date_created);
    this.dateUpdated = new Date(json.date_updated);
  }
}
