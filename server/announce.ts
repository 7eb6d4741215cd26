/**
 * What else is printed once the server listens, with the address it listens at: the demo adds
 * its sign-ins here before it hands over to server/main.ts, so they carry the port actually picked.
 */
const announcements: ((where: string) => void)[] = [];

export function onListening(announce: (where: string) => void): void {
  announcements.push(announce);
}

export function announceListening(where: string): void {
  for (const announce of announcements) announce(where);
}
