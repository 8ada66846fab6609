import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from './protocol';

/**
 * How UI and content scripts talk to the background. Components take a Connector as a prop, so
 * tests give them `createFakeConnector` (fake-connector.ts) instead of an extension around them.
 * This file imports types only, so content scripts that use it carry no schema code.
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
