import { errorReportScenario } from './error-report-scenario';

describe('data error reports and corrections (校核) on SQLite', () =>
  errorReportScenario('sqlite'));
