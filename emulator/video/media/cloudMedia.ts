/**
 * Media kept in "Twilio's cloud": the bytes of recordings and compositions whose settings do not
 * send them to S3, per account and SID. The REST `/Media` routes serve them from here. Encrypted
 * files keep their envelope (wrapped key, IV) as metadata, served as `x-amz-meta-*` headers the
 * way Twilio's pre-signed S3 URL serves them.
 */
export interface CloudMediaObject {
  body: Buffer;
  contentType: string;
  /** S3-style user metadata (without `x-amz-meta-`); empty for unencrypted media. */
  metadata: Record<string, string>;
}

export class CloudMediaStore {
  private readonly objects = new Map<string, CloudMediaObject>();

  put(accountSid: string, sid: string, body: Buffer, contentType: string, metadata: Record<string, string> = {}): void {
    this.objects.set(keyOf(accountSid, sid), { body, contentType, metadata: { ...metadata } });
  }

  get(accountSid: string, sid: string): CloudMediaObject | undefined {
    return this.objects.get(keyOf(accountSid, sid));
  }

  delete(accountSid: string, sid: string): void {
    this.objects.delete(keyOf(accountSid, sid));
  }

  clear(): void {
    this.objects.clear();
  }

  get size(): number {
    return this.objects.size;
  }
}

function keyOf(accountSid: string, sid: string): string {
  return `${accountSid}/${sid}`;
}
