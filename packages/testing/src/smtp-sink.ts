/**
 * A local SMTP server that keeps what it is sent, for tests of outgoing mail: real SMTP (the
 * `smtp-server` package) on a free loopback port, each message parsed (`mailparser`) into its
 * subject, addresses, text and HTML. A test points the server's `SMTP_URL` at `url`, then reads what
 * arrived. It can go down and come back on the same port, as an SMTP server that restarts does, and it
 * can refuse messages with a reply of the test's choosing.
 */
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './server-process.ts';

export interface ReceivedMail {
  /** The envelope's recipients. */
  readonly to: readonly string[];
  /** The From header's address. */
  readonly from: string | undefined;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Every header, names in lowercase. */
  readonly headers: ReadonlyMap<string, unknown>;
  /** The `lang` of the HTML part's root, when it has one. */
  readonly language: string | undefined;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`: the value for SMTP_URL. */
  readonly url: string;
  readonly port: number;
  /** What arrived so far, in order. */
  readonly messages: readonly ReceivedMail[];
  /** Resolves with the first message (already here or still to come) that `match` accepts. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Stops listening: connections are refused, as when the SMTP server is down. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Refuses the next `count` messages with this SMTP reply (such as 450 or 550), then takes them again. */
  refuseNext(count: number, code: number, message: string): void;
  close(): Promise<void>;
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let refusals: { count: number; code: number; message: string } | null = null;

  const newServer = () =>
    new SMTPServer({
      // Plain SMTP on loopback, any sign-in taken: the sink tests what is sent, not how it is secured.
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
      logger: false,
      onData(stream, session, callback) {
        if (refusals && refusals.count > 0) {
          refusals.count--;
          const { code, message } = refusals;
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error(message), { responseCode: code })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            const html = typeof parsed.html === 'string' ? parsed.html : '';
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: addresses(parsed.from)[0],
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html,
              headers: parsed.headers,
              language: /<html[^>]*\blang="([^"]+)"/i.exec(html)?.[1],
            });
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });

  let server = newServer();
  let listening = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        listening = true;
        resolve();
      });
    });
  const stop = async () => {
    if (!listening) return;
    listening = false;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await listen();

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = messages.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(look);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(
            new Error(
              `No matching mail arrived within ${timeoutMs} ms; arrived: ${JSON.stringify(messages.map((m) => ({ to: m.to, subject: m.subject })))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(look);
        look();
      });
    },
    down: stop,
    async up() {
      server = newServer();
      await listen();
    },
    refuseNext(count, code, message) {
      refusals = { count, code, message };
    },
    close: stop,
  };
}
