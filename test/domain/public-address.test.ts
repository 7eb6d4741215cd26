import { expect } from 'chai';
import { linksWorkOnlyOnThisComputer } from '../../server/domain/public-address.js';

describe('whether personal links work only on this computer', function () {
  it('says so for the default address BASE_URL unset gives, and for every loopback or any-interface host', function () {
    for (const address of [
      'http://localhost:3000',
      'http://LOCALHOST',
      'https://app.localhost',
      'http://127.0.0.1:3000',
      'http://127.255.255.254',
      'http://127.1',
      'http://0.0.0.0:3000',
      'http://[::1]:3000',
      'http://[::]',
      'http://[::ffff:127.0.0.1]',
      'http://[::ffff:127.0.1.1]:3000',
      'not an address',
    ])
      expect(linksWorkOnlyOnThisComputer(address), address).to.equal(true);
  });

  it('does not for public names, public addresses or private network addresses just beside loopback', function () {
    for (const address of [
      'https://coassess.example.org',
      'https://localhost.example.org',
      'https://mylocalhost',
      'http://128.0.0.1',
      'http://126.255.255.255',
      'http://192.168.1.10:3000',
      'http://10.0.0.5',
      'http://0.0.0.1',
      'http://[::2]',
      'http://[::ffff:128.0.0.1]',
      'http://[2001:db8::1]',
    ])
      expect(linksWorkOnlyOnThisComputer(address), address).to.equal(false);
  });

  it('does not for a name that merely starts with a loopback address, nor for IPv6 addresses that only contain a mapped one', function () {
    for (const address of [
      'https://127.0.0.1.surveys.example.org',
      'http://[1::ffff:7f00:1]',
      'http://[::ffff:7f00:1:2]',
    ])
      expect(linksWorkOnlyOnThisComputer(address), address).to.equal(false);
  });
});
