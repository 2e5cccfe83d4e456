import { caseScenario } from './case-scenario';

describe('approval items and cases (办件) on SQLite', () => caseScenario('sqlite'));
