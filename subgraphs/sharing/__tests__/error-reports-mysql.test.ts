import { describeWithService } from '../../../test/utils/services';
import { errorReportScenario } from './error-report-scenario';

describeWithService('mysql', 'data error reports and corrections (校核) on MariaDB', () =>
  errorReportScenario('mysql'),
);
