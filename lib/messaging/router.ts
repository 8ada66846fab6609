import { siteOf } from '../platform/hosts';
import {
  EnvelopeSchema,
  isMessageType,
  protocol,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
  type SenderKind,
} from './protocol';

/** The parts of `runtime.MessageSender` the router looks at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export interface HandlerContext {
  sender: SenderInfo;
  kind: SenderKind;
  /** The tab a content script runs in. */
  tabId?: number;
}

export type Handlers = {
  [K in MessageType]?: (payload: RequestOf<K>, ctx: HandlerContext) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

/**
 * Says who sent a message: one of our extension pages, or our content script on a host we declared.
 * Anything else (another extension, a page we do not run on) gets null and is refused.
 */
export function classifySender(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (!sender.tab) {
    return sender.url?.startsWith(extensionOrigin) ? 'extension' : null;
  }
  // A tab sender is either our content script (URL on a declared host) or an extension page open in a tab.
  if (sender.url?.startsWith(extensionOrigin)) return 'extension';
  return siteOf(sender.url ?? sender.tab.url);
}

/**
 * Builds the background's message listener: validates the envelope, the sender and the payload,
 * then runs the handler. Every failure becomes `{ok: false, error}`; nothing throws to the caller.
 */
export function createRouter(handlers: Handlers, identity: { extensionId: string; extensionOrigin: string }) {
  return async function route(message: unknown, sender: SenderInfo): Promise<Reply<unknown> | undefined> {
    const envelope = EnvelopeSchema.safeParse(message);
    // Not ours: leave it for other listeners.
    if (!envelope.success) return undefined;
    const { type, payload } = envelope.data;
    if (!isMessageType(type)) return { ok: false, error: `Unknown message type "${type}"` };
    const kind = classifySender(sender, identity.extensionId, identity.extensionOrigin);
    const definition = protocol[type];
    if (!kind || !(definition.from as readonly SenderKind[]).includes(kind)) {
      return { ok: false, error: `Message "${type}" is not accepted from this sender` };
    }
    const parsed = definition.request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'payload';
      return { ok: false, error: `Invalid "${type}" message: ${where}: ${issue?.message ?? 'invalid'}` };
    }
    const handler = handlers[type] as ((p: unknown, c: HandlerContext) => unknown) | undefined;
    if (!handler) return { ok: false, error: `No handler for "${type}"` };
    try {
      const data = await handler(parsed.data, { sender, kind, tabId: sender.tab?.id });
      return { ok: true, data: data ?? null };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
