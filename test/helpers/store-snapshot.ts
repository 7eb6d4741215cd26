import type { Store } from '../../server/store/store.js';

/**
 * Everything a form or an import could write, as plain JSON, so a test can prove that a refused
 * request wrote nothing. The audit log is left out: failed sign-ins are meant to be recorded.
 */
export async function storeSnapshot(store: Store): Promise<string> {
  const users = await store.users.list();
  const projects = await store.projects.list();
  const perProject = [];
  for (const project of projects) {
    const participants = await store.participants.list(project.id);
    const contacts = [];
    for (const p of participants) contacts.push(await store.participants.getContact(p.id));
    const responses = [];
    for await (const r of store.responses.iterate(project.id)) responses.push(r);
    const actions = await store.actions.list(project.id);
    perProject.push({ project, waves: await store.waves.list(project.id), participants, contacts, responses, actions });
  }
  const tokens = [];
  for (const u of users) tokens.push(await store.apiTokens.list(u.id));
  return JSON.stringify({ users, roles: await store.roles.list({}), perProject, tokens });
}
