import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per participant, wave and kind, so a copy sent again is recognisably the same message. */
  messageId: string;
}

/** Sends one email; rejects if the SMTP server does not accept it. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A Mailer over SMTP_URL (smtp://user:pass@host:587 or smtps://…). */
export function smtpMailer(url: string, from: string): Mailer {
  // Nodemailer waits minutes on a silent server by default; a send must end well within its
  // claim's lease (SEND_LEASE_MS), or another run could take the claim over while it is going.
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
