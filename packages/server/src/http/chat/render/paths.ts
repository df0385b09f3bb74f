/** Chat v2 URLs: every resource lives under `/v2/Services/IS…` except credentials. */
export function chatServiceUrl(publicUrl: string, serviceSid: string): string {
  return `${publicUrl}/v2/Services/${serviceSid}`;
}

export function chatChannelUrl(publicUrl: string, serviceSid: string, channelSid: string): string {
  return `${chatServiceUrl(publicUrl, serviceSid)}/Channels/${channelSid}`;
}

export function chatUserUrl(publicUrl: string, serviceSid: string, userSid: string): string {
  return `${chatServiceUrl(publicUrl, serviceSid)}/Users/${userSid}`;
}
