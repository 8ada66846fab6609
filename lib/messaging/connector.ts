import { protocol, type Envelope, type MessageType, type Reply, type RequestOf, type ResponseOf } from './protocol';

/**
 * How UI and content scripts talk to the background. Components take a Connector as a prop, so
 * tests give them `createFakeConnector` instead of an extension around them.
 */
export interface Connector {
  send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
}

export class MessageError extends Error {
  constructor(
    readonly type: MessageType,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

type SendMessage = (message: Envelope) => Promise<unknown>;

/** The real connector, over `runtime.sendMessage`. */
export function createRuntimeConnector(sendMessage: SendMessage): Connector {
  return {
    async send(type, payload) {
      const reply = (await sendMessage({ zc: 1, type, payload } as Envelope)) as Reply<never> | undefined;
      if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
        throw new MessageError(type, `No answer to "${type}" from the background`);
      }
      if (!reply.ok) throw new MessageError(type, reply.error);
      return reply.data;
    },
  };
}

export type FakeHandlers = {
  [K in MessageType]?: (payload: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

/**
 * The test double: answers from the given handlers, checks payloads against the same schemas the
 * background uses, and records every call so a test can assert what the UI asked for.
 */
export function createFakeConnector(handlers: FakeHandlers): Connector & { calls: Array<{ type: MessageType; payload: unknown }> } {
  const calls: Array<{ type: MessageType; payload: unknown }> = [];
  return {
    calls,
    async send(type, payload) {
      calls.push({ type, payload });
      const parsed = protocol[type].request.safeParse(payload);
      if (!parsed.success) throw new MessageError(type, `Invalid "${type}" payload: ${parsed.error.message}`);
      const handler = handlers[type] as ((p: unknown) => unknown) | undefined;
      if (!handler) throw new MessageError(type, `No fake handler for "${type}"`);
      return (await handler(payload)) as ResponseOf<typeof type>;
    },
  };
}
