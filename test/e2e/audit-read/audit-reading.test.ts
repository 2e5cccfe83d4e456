import { describeAuditReading } from './audit-reading-cases';

describe('audit subgraph on SQLite', () => describeAuditReading('sqlite'));
