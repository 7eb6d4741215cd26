import { MongoStore } from '../../../server/store/mongo/mongo-store.js';
import { storeContract } from '../store-contract.js';

const uri = process.env.MONGODB_URI;

if (uri) {
  storeContract('mongodb', async () => {
    // Dropping removes the indexes too, so connect again to have them rebuilt.
    const previous = await MongoStore.connect(uri);
    await previous.dropDatabase();
    await previous.close();
    return MongoStore.connect(uri);
  });
} else {
  describe('store contract: mongodb', function () {
    it('is skipped: MONGODB_URI is not set, and no MongoDB server can run on this machine', function () {
      console.log('\n  MongoDB contract skipped: set MONGODB_URI (e.g. mongodb://localhost:27017/coassess-test) to run the store contract against MongoDB.\n');
      this.skip();
    });
  });
}
