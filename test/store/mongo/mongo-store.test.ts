import { expect } from 'chai';
import mongoose from 'mongoose';
import { MongoStore } from '../../../server/store/mongo/mongo-store.js';
import { DEFAULT_GROUPS } from '../../../server/domain/records.js';
import { storeContract } from '../store-contract.js';

const uri = process.env.MONGODB_URI;

/** A clean database, with its indexes. */
async function freshStore(uri: string): Promise<MongoStore> {
  // Dropping removes the indexes too, so connect again to have them rebuilt.
  const previous = await MongoStore.connect(uri);
  await previous.dropDatabase();
  await previous.close();
  return MongoStore.connect(uri);
}

if (uri) {
  storeContract('mongodb', () => freshStore(uri));

  describe('MongoStore with projects from before projects had a time zone', function () {
    it('reads a project without one as having none', async function () {
      const store = await freshStore(uri);
      const raw = await mongoose.createConnection(uri).asPromise();
      try {
        await raw.collection('projects').insertOne({
          _id: 'old' as never,
          slug: 'old',
          name: 'Old',
          instrumentId: 'coassess-core',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
          settings: {},
          archivedAt: null,
          createdAt: '2026-01-01T00:00:00.000Z',
        });
        expect((await store.projects.getBySlug('old'))?.timeZone).to.equal(null);
        expect((await store.projects.list())[0]).to.have.property('timeZone', null);
      } finally {
        await raw.close();
        await store.close();
      }
    });
  });

  describe('MongoStore with documents from before enrolment dates were kept', function () {
    it('reads a participant without dates as enrolled the day it was added, withdrawn on an unknown day', async function () {
      const store = await freshStore(uri);
      const raw = await mongoose.createConnection(uri).asPromise();
      try {
        const project = await store.projects.create({
          slug: 'p4c',
          name: 'P',
          instrumentId: 'coassess-core',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        });
        await raw.collection('participants').insertOne({
          _id: 'old' as never,
          projectId: project.id,
          code: 'CG-001',
          group: 'caregiver',
          language: 'en',
          mode: 'web',
          token: 'a'.repeat(32),
          accessCode: 'K7M29QXP',
          status: 'withdrawn',
          createdAt: '2026-02-03T23:59:59.000Z',
        });
        const [listed] = await store.participants.list(project.id);
        expect(listed).to.deep.include({ id: 'old', status: 'withdrawn', enrolledOn: '2026-02-03', withdrawnOn: null });
        expect(await store.participants.getByToken('a'.repeat(32))).to.deep.equal(listed);
      } finally {
        await raw.close();
        await store.close();
      }
    });
  });
} else {
  describe('store contract: mongodb', function () {
    it('is skipped: MONGODB_URI is not set, and no MongoDB server can run on this machine', function () {
      console.log(
        '\n  MongoDB contract skipped: set MONGODB_URI (e.g. mongodb://localhost:27017/coassess-test) to run the store contract against MongoDB.\n',
      );
      this.skip();
    });
  });
}
