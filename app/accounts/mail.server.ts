// Sending email is one small interface. There is no mail server here, so the development
// sender prints messages to the server log; tests read them from memory.
export type Mail = { to: string; subject: string; text: string };
export interface MailSender {
  send(mail: Mail): Promise<void>;
}

export const logMailSender: MailSender = {
  async send(mail) {
    console.info(`\n--- email to ${mail.to}: ${mail.subject}\n${mail.text}\n---`);
  },
};

let sender: MailSender = logMailSender;
export const mailSender = () => sender;
/** Tests swap in a sender that remembers what was sent. */
export function useMailSender(next: MailSender) {
  sender = next;
}
