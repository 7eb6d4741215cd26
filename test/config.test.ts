import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { listeningBaseUrl, loadConfig } from '../server/config.js';

describe('configuration', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has defaults for everything and keeps a generated session secret in DATA_DIR', function () {
    const config = loadConfig({}, dir);
    expect(config).to.include({
      port: 3000,
      dataDir: join(dir, 'data'),
      mongodbUri: null,
      baseUrl: 'http://localhost:3000',
      host: '0.0.0.0',
      trustProxy: false,
      proxies: false,
    });
    expect(config.sessionSecret).to.have.length.above(40);
    expect(readFileSync(join(dir, 'data', 'session-secret'), 'utf8').trim()).to.equal(config.sessionSecret);
    expect(statSync(join(dir, 'data', 'session-secret')).mode & 0o077).to.equal(0);
    expect(loadConfig({}, dir).sessionSecret).to.equal(config.sessionSecret);
  });

  it('collects every problem into one message', function () {
    try {
      loadConfig({ PORT: '99999', MONGODB_URI: 'postgres://x', BASE_URL: 'ftp://x', SESSION_SECRET: 'short' }, dir);
      expect.fail('expected a configuration error');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('CONFIG_INVALID');
      expect((error as { problems: unknown[] }).problems).to.have.length(4);
    }
  });

  it('takes MONGODB_URI, BASE_URL without a trailing slash, and a given secret', function () {
    const config = loadConfig(
      {
        MONGODB_URI: 'mongodb://db:27017/coassess',
        BASE_URL: 'https://co.example.org/',
        SESSION_SECRET: 's'.repeat(32),
        TRUST_PROXY: 'true',
      },
      dir,
    );
    expect(config).to.include({
      mongodbUri: 'mongodb://db:27017/coassess',
      baseUrl: 'https://co.example.org',
      sessionSecret: 's'.repeat(32),
      trustProxy: true,
      proxies: 1,
    });
  });

  it('takes HOST, and TRUST_PROXY as the proxies whose X-Forwarded-For alone is believed', function () {
    const config = loadConfig({ HOST: '127.0.0.1', TRUST_PROXY: ' loopback, 10.0.0.0/8 192.168.1.5,fd00::/8 ' }, dir);
    expect(config).to.deep.include({
      host: '127.0.0.1',
      trustProxy: true,
      proxies: ['loopback', '10.0.0.0/8', '192.168.1.5', 'fd00::/8'],
    });
    expect(loadConfig({ HOST: '::1', TRUST_PROXY: 'false' }, dir)).to.deep.include({
      host: '::1',
      trustProxy: false,
      proxies: false,
    });
    for (const [variable, value] of [
      ['TRUST_PROXY', 'yes'],
      ['TRUST_PROXY', '10.0.0.0/33'],
      ['TRUST_PROXY', '10.0.0.1, proxy.example.org'],
      ['TRUST_PROXY', '::1/129'],
      ['TRUST_PROXY', '10.0.0.0/8/8'],
      ['HOST', 'every interface'],
      ['HOST', '-bad'],
    ] as const) {
      expect(() => loadConfig({ [variable]: value }, dir), `${variable}=${value}`)
        .to.throw()
        .with.property('code', 'CONFIG_INVALID');
    }
  });
  it('takes DEFAULT_TIME_ZONE as an IANA name, UTC without it, and refuses a name Intl does not know', function () {
    expect(loadConfig({}, dir).defaultTimeZone).to.equal('UTC');
    expect(loadConfig({ DEFAULT_TIME_ZONE: ' Europe/Rome ' }, dir).defaultTimeZone).to.equal('Europe/Rome');
    for (const value of ['Europe/Roma', '+01:00'])
      expect(() => loadConfig({ DEFAULT_TIME_ZONE: value }, dir), value)
        .to.throw(/DEFAULT_TIME_ZONE/)
        .with.property('code', 'CONFIG_INVALID');
  });
  it('refuses a kept session secret that is too short', function () {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'session-secret'), 'short\n');
    expect(() => loadConfig({}, dir)).to.throw(/shorter than 32/);
  });
  it('has every performance device on by default, and switches each off alone by its own variable (ADR 0013)', function () {
    const allOn = { server: true, viewRenderer: true, readCache: true, csrfCache: true };
    expect(loadConfig({}, dir).devices).to.deep.equal(allOn);
    const switches = {
      DEVICE_SERVER: 'server',
      DEVICE_VIEW_RENDERER: 'viewRenderer',
      DEVICE_READ_CACHE: 'readCache',
      DEVICE_CSRF_CACHE: 'csrfCache',
    };
    for (const [variable, device] of Object.entries(switches)) {
      expect(loadConfig({ [variable]: 'off' }, dir).devices, variable).to.deep.equal({ ...allOn, [device]: false });
      expect(loadConfig({ [variable]: ' Off ' }, dir).devices, variable).to.deep.equal({ ...allOn, [device]: false });
      expect(loadConfig({ [variable]: 'on' }, dir).devices, variable).to.deep.equal(allOn);
      expect(loadConfig({ [variable]: '' }, dir).devices, variable).to.deep.equal(allOn);
    }
  });

  it('refuses a device switch that is neither on nor off, naming each, among the other problems', function () {
    try {
      loadConfig(
        {
          MONGODB_URI: 'postgres://x',
          DEVICE_SERVER: 'no',
          DEVICE_VIEW_RENDERER: '0',
          DEVICE_READ_CACHE: 'false',
          DEVICE_CSRF_CACHE: 'disabled',
        },
        dir,
      );
      expect.fail('expected a configuration error');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('CONFIG_INVALID');
      const problems = (error as { problems: { message: string }[] }).problems.map((p) => p.message);
      expect(problems).to.have.length(5);
      expect(problems)
        .to.include('DEVICE_SERVER must be on or off, not "no"')
        .and.include('DEVICE_CSRF_CACHE must be on or off, not "disabled"');
      for (const variable of ['DEVICE_VIEW_RENDERER', 'DEVICE_READ_CACHE'])
        expect(
          problems.some((p) => p.startsWith(`${variable} must be on or off`)),
          variable,
        ).to.equal(true);
    }
  });

  it('gives personal links the port picked at start when PORT=0 and BASE_URL is unset', function () {
    expect(listeningBaseUrl(loadConfig({ PORT: '0' }, dir), 43210)).to.equal('http://localhost:43210');
    expect(listeningBaseUrl(loadConfig({ PORT: '0', BASE_URL: 'https://co.example.org' }, dir), 43210)).to.equal(
      'https://co.example.org',
    );
    expect(listeningBaseUrl(loadConfig({ PORT: '8080' }, dir), 8080)).to.equal('http://localhost:8080');
  });
});
