import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one email; rejects if the SMTP server does not accept it. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A Mailer over SMTP_URL (smtp://user:pass@host:587 or smtps://…). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
