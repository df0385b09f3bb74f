/** One action of a call-to-action or card: open a URL, call a number, reply, or another kind. */
export type ContentDataActionUrl = { readonly type: "url"; readonly title: string; readonly url: string; readonly rawData: string };
export type ContentDataActionPhone = { readonly type: "phone"; readonly title: string; readonly phone: string; readonly rawData: string };
export type ContentDataActionReply = {
  readonly type: "reply";
  readonly title: string;
  readonly id?: string;
  readonly index: number;
  readonly rawData: string;
};
export type ContentDataActionOther = { readonly type: "other"; readonly rawData: string };
export type ContentDataAction = ContentDataActionUrl | ContentDataActionPhone | ContentDataActionReply | ContentDataActionOther;
/** A quick reply button. */
export type ContentDataReply = { readonly title: string; readonly id?: string };
/** One item of a list picker. */
export type ContentDataListItem = { readonly id: string; readonly item: string; readonly description?: string };

export type ContentDataText = { readonly type: "text"; readonly body: string; readonly rawData: string };
export type ContentDataMedia = { readonly type: "media"; readonly body?: string; readonly media: string[]; readonly rawData: string };
export type ContentDataLocation = {
  readonly type: "location";
  readonly longitude: number;
  readonly latitude: number;
  readonly label?: string;
  readonly rawData: string;
};
export type ContentDataQuickReply = {
  readonly type: "quickReply";
  readonly body: string;
  readonly replies: ContentDataReply[];
  readonly rawData: string;
};
export type ContentDataCallToAction = {
  readonly type: "callToAction";
  readonly body: string;
  readonly actions: ContentDataAction[];
  readonly rawData: string;
};
export type ContentDataListPicker = {
  readonly type: "listPicker";
  readonly body: string;
  readonly button: string;
  readonly items: ContentDataListItem[];
  readonly rawData: string;
};
export type ContentDataCard = {
  readonly type: "card";
  readonly title: string;
  readonly subtitle?: string;
  readonly media: string[];
  readonly actions: ContentDataAction[];
  readonly rawData: string;
};
export type ContentDataOther = { readonly type: "other"; readonly rawData: string };
/** The content of one variant of a content template, by kind. */
export type ContentData =
  | ContentDataText
  | ContentDataMedia
  | ContentDataLocation
  | ContentDataQuickReply
  | ContentDataCallToAction
  | ContentDataListPicker
  | ContentDataCard
  | ContentDataOther;

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

function parseAction(raw: Json, index: number): ContentDataAction {
  const rawData = JSON.stringify(raw);
  switch (String(raw.type).toLowerCase()) {
    case "url":
      return { type: "url", title: str(raw.title), url: str(raw.url), rawData };
    case "phone_number":
    case "phone":
      return { type: "phone", title: str(raw.title), phone: str(raw.phone), rawData };
    case "quick_reply":
    case "reply":
      return { type: "reply", title: str(raw.title), ...(raw.id ? { id: str(raw.id) } : {}), index, rawData };
    default:
      return { type: "other", rawData };
  }
}

/** Parses one variant of Twilio's Content API JSON (`twilio/text`, `twilio/card`…) into ContentData. */
export function parseContentVariant(kind: string, raw: Json): ContentData {
  const rawData = JSON.stringify(raw);
  const actions = () => ((raw.actions as Json[] | undefined) ?? []).map(parseAction);
  switch (kind) {
    case "twilio/text":
      return { type: "text", body: str(raw.body), rawData };
    case "twilio/media":
      return { type: "media", ...(raw.body ? { body: str(raw.body) } : {}), media: (raw.media as string[]) ?? [], rawData };
    case "twilio/location":
      return {
        type: "location",
        longitude: Number(raw.longitude),
        latitude: Number(raw.latitude),
        ...(raw.label ? { label: str(raw.label) } : {}),
        rawData,
      };
    case "twilio/quick-reply":
      return {
        type: "quickReply",
        body: str(raw.body),
        replies: ((raw.actions as Json[] | undefined) ?? []).map((a) => ({ title: str(a.title), ...(a.id ? { id: str(a.id) } : {}) })),
        rawData,
      };
    case "twilio/call-to-action":
      return { type: "callToAction", body: str(raw.body), actions: actions(), rawData };
    case "twilio/list-picker":
      return {
        type: "listPicker",
        body: str(raw.body),
        button: str(raw.button),
        items: ((raw.items as Json[] | undefined) ?? []).map((i) => ({
          id: str(i.id),
          item: str(i.item),
          ...(i.description ? { description: str(i.description) } : {}),
        })),
        rawData,
      };
    case "twilio/card":
      return {
        type: "card",
        title: str(raw.title),
        ...(raw.subtitle ? { subtitle: str(raw.subtitle) } : {}),
        media: (raw.media as string[]) ?? [],
        actions: actions(),
        rawData,
      };
    default:
      return { type: "other", rawData };
  }
}
