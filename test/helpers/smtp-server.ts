import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
}

export interface TestSmtp {
  url: string;
  received: Received[];
  /** Resolves once a sender has been left waiting at MAIL FROM (with `holdFirst`). */
  held: Promise<void>;
  close: () => Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every message it accepts. `refuse` names recipients
 * it turns away at RCPT TO with 552, as a full mailbox would. `holdFirst` never answers the first
 * MAIL FROM, so its sender is caught mid-send, after it claimed the message and before anything
 * was delivered.
 */
export async function startSmtp(
  options: { refuse?: (address: string) => boolean; holdFirst?: boolean } = {},
): Promise<TestSmtp> {
  const received: Received[] = [];
  let holding = options.holdFirst ?? false;
  let markHeld = () => {};
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onMailFrom(_address, _session, callback) {
      if (!holding) return callback();
      holding = false;
      markHeld();
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        callback(Object.assign(new Error('552 mailbox full'), { responseCode: 552 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    held,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
