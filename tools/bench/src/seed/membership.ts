import type { BenchServer } from "../server-process.js";
import { seed } from "./jobs.js";

/**
 * Conversations and their members for a scenario, written through the store in bulk (see
 * store-seeder.ts) from templates the server created through REST. The template conversation
 * has one member, `template-user`, whom no scenario connects.
 */
export class Membership {
  private templates?: Promise<{ conversation: string; user: string; participant: string }>;

  constructor(private readonly server: BenchServer) {}

  /** `count` new conversations named `<prefix><n>`; resolves their SIDs in order. */
  async conversations(count: number, prefix: string): Promise<string[]> {
    const { conversation } = await this.template();
    return seed({ type: "conversations", dataDir: this.server.dataDir, templateConversationSid: conversation, count, prefix });
  }

  /** Makes each identity a user and a member of its conversation. */
  async members(members: { conversationSid: string; identity: string }[]): Promise<void> {
    const { user, participant } = await this.template();
    await seed({ type: "members", dataDir: this.server.dataDir, templateUserSid: user, templateParticipantSid: participant, members });
  }

  private template() {
    this.templates ??= (async () => {
      const conversation = await this.server.admin("POST", "/v1/Conversations", { FriendlyName: "template" });
      const user = await this.server.admin("POST", "/v1/Users", { Identity: "template-user" });
      const participant = await this.server.admin("POST", `/v1/Conversations/${conversation.sid}/Participants`, {
        Identity: "template-user",
      });
      return { conversation: conversation.sid, user: user.sid, participant: participant.sid };
    })();
    return this.templates;
  }
}
