import { describeWithService } from '../../utils/services';
import { describeAuditReading } from './audit-reading-cases';

describeWithService('mysql', 'audit subgraph on MariaDB', () => describeAuditReading('mysql'));
