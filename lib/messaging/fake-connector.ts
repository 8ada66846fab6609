import { MessageError, type Connector } from './connector';
import { protocol, type MessageType, type RequestOf, type ResponseOf } from './protocol';

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
