import type { Express } from 'express';
import request from 'supertest';
import type { ProjectRoleName, StaffUser } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import { csrfFrom } from './forms.js';

export const STAFF_PASSWORD = 'correct horse battery';

export type Agent = ReturnType<typeof request.agent>;

let seq = 0;

/** A staff user with one role: "admin", or a project role in the project with that slug. */
export async function staffUser(
  services: Services,
  role: 'admin' | ProjectRoleName,
  project?: string,
): Promise<StaffUser> {
  seq += 1;
  return services.users.add(
    {
      email: `${role}-${seq}@example.org`,
      name: `${role} ${seq}`,
      role,
      ...(project ? { project } : {}),
      password: STAFF_PASSWORD,
    },
    'test',
  );
}

/** Signs in through the real /login form and returns the agent holding the session cookie. */
export async function signIn(app: Express, user: StaffUser, password = STAFF_PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const form = await agent.get('/login').expect(200);
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(form.text), email: user.email, password })
    .expect(303);
  return agent;
}

/** A CSRF token valid for this agent, read from any staff page that has a form. */
export async function csrfFor(agent: Agent, path = '/account'): Promise<string> {
  return csrfFrom((await agent.get(path).expect(200)).text);
}

/** GETs a page with a form, posts to `action` with that page's CSRF token, and checks the status. */
export async function postForm(
  agent: Agent,
  action: string,
  fields: Record<string, string>,
  status: number,
  formPage = '/account',
) {
  const token = await csrfFor(agent, formPage);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: token, ...fields })
    .expect(status);
}
