import { describeWithService } from '../../../test/utils/services';
import { caseScenario } from './case-scenario';

describeWithService('mysql', 'approval items and cases (办件) on MariaDB', () =>
  caseScenario('mysql'),
);
