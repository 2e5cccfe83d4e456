import { Migration } from '../../contracts/database/migrations';

export const migrations: readonly Migration[] = [
  {
    name: '001_regions_and_addresses',
    async up(db) {
      await db.schema.createTable('regions', (t) => {
        t.string('code', 9).primary();
        t.string('name', 40).notNullable();
        t.string('name_en', 60).notNullable();
        t.string('level', 6).notNullable();
        // The city's parent is the province (320000), which is not a row here.
        t.string('parent_code', 9).nullable();
        t.double('centroid_longitude').notNullable();
        t.double('centroid_latitude').notNullable();
        t.double('min_longitude').notNullable();
        t.double('min_latitude').notNullable();
        t.double('max_longitude').notNullable();
        t.double('max_latitude').notNullable();
        t.index(['parent_code', 'code']);
        t.index(['level', 'code']);
      });
      await db.schema.createTable('addresses', (t) => {
        t.string('code', 16).primary();
        t.string('usage', 12).notNullable();
        t.string('town_code', 9).notNullable();
        t.string('county_code', 6).notNullable();
        t.string('road', 40).notNullable();
        t.string('house_number', 40).notNullable();
        t.string('full_text', 200).notNullable();
        t.double('longitude').notNullable();
        t.double('latitude').notNullable();
        t.string('cadastral_parcel_code', 19).notNullable();
        // Nearby search: the radius's bounding box is one range on latitude, longitude read from the index.
        t.index(['latitude', 'longitude']);
        t.index(['town_code']);
        t.index(['county_code']);
      });
      // Bindings, not copies: who lives where, and where an entity is registered, point at an address.
      await db.schema.createTable('residences', (t) => {
        t.string('id_number', 18).primary();
        t.string('address_code', 16).notNullable();
        t.index(['address_code', 'id_number']);
      });
      await db.schema.createTable('registered_addresses', (t) => {
        t.string('credit_code', 18).primary();
        t.string('address_code', 16).notNullable();
        t.index(['address_code']);
      });
    },
    async down(db) {
      await db.schema.dropTableIfExists('registered_addresses');
      await db.schema.dropTableIfExists('residences');
      await db.schema.dropTableIfExists('addresses');
      await db.schema.dropTableIfExists('regions');
    },
  },
];
