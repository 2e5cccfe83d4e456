import { Knex } from 'knex';

/** Counts the SQL statements a database handle issues: the evidence that lookups are batched. */
export class QueryCounter {
  count = 0;
  readonly statements: string[] = [];
  private readonly listener = (q: { sql: string }) => {
    this.count++;
    this.statements.push(q.sql);
  };

  constructor(private readonly db: Knex) {
    db.on('query', this.listener);
  }

  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }

  detach(): void {
    this.db.removeListener('query', this.listener);
  }
}
