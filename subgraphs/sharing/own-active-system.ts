import { Knex } from 'knex';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput } from '../kit/user-input';
import { forbidden } from './access-rules';
import type { ApplicationRow } from './store';

/**
 * The system a sharing application is for: registered, the applying department's own, and
 * ACTIVE.
 */
export async function requireOwnActiveSystem(
  db: Knex,
  caller: CallerIdentity,
  applicationId: string,
): Promise<void> {
  const app: ApplicationRow | undefined = await db('applications')
    .where({ id: applicationId })
    .first();
  if (!app)
    throw badUserInput('application', `no registered application "${applicationId}"`, {
      problem: 'UNKNOWN',
    });
  if (app.department !== caller.department)
    throw forbidden(
      `application ${applicationId} belongs to ${app.department}; a department applies only for its own systems`,
    );
  if (app.status !== 'ACTIVE')
    throw badUserInput(
      'application',
      `application ${applicationId} is ${app.status.toLowerCase()}`,
      {
        problem: 'STATE',
        state: app.status,
      },
    );
}
