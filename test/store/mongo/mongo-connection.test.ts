import { AsyncLocalStorage } from 'node:async_hooks';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { MongoConnection } from '../../../server/store/mongo/mongo-connection.js';

// Needs no MongoDB server: the connection is made but never opened.
describe('MongoConnection closed', function () {
  it('disables the AsyncLocalStorage that carries its transaction sessions', async function () {
    const disabled: AsyncLocalStorage<unknown>[] = [];
    const disable = AsyncLocalStorage.prototype.disable;
    AsyncLocalStorage.prototype.disable = function (this: AsyncLocalStorage<unknown>) {
      disabled.push(this);
      return disable.call(this);
    };
    const raw = mongoose.createConnection();
    try {
      const connection = new MongoConnection(raw);
      expect(connection.session()).to.equal(null);
      expect(disabled).to.have.length(0);
      connection.close();
      expect(disabled).to.have.length(1);
    } finally {
      AsyncLocalStorage.prototype.disable = disable;
      await raw.close();
    }
  });
});
