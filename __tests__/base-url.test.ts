// The base-url validator and the host policy: which hosts may receive the workflow's credentials.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBaseUrl, executeApiIdOf, isTrustedHost, parseTrustedHosts } from '../src/base-url.ts';

const API = 'a1b2c3d4e5';
const POLICY = { restApiId: API, trustedHosts: ['api.example.com'] };

/** The host the request would go to, as the sender derives it from the same URL parser. */
function hostOf(url: string): string | undefined {
  const checked = checkBaseUrl(url, 'base-url');
  return 'url' in checked ? checked.url.hostname : undefined;
}

describe('host policy (no custom-domain lookup, no input base-url)', () => {
  const allowed: [string, string][] = [
    ["the API's own execute-api host", `https://${API}.execute-api.us-east-1.amazonaws.com/prod`],
    ['upper case', `https://${API.toUpperCase()}.EXECUTE-API.US-EAST-1.AMAZONAWS.COM/prod`],
    ['a trailing dot', `https://${API}.execute-api.us-east-1.amazonaws.com./prod`],
    ['China partition', `https://${API}.execute-api.cn-north-1.amazonaws.com.cn/prod`],
    ['GovCloud', `https://${API}.execute-api.us-gov-west-1.amazonaws.com/prod`],
    ['a port', `https://${API}.execute-api.us-east-1.amazonaws.com:8443/prod`],
    ['private API through its VPC endpoint', `https://${API}-vpce-0123456789abcdef0.execute-api.us-east-1.vpce.amazonaws.com/prod`],
    ['a trusted-hosts entry', 'https://api.example.com/v1'],
    ['a trusted-hosts entry in upper case', 'https://API.Example.COM/v1'],
  ];
  for (const [name, url] of allowed) {
    test(`allowed: ${name}`, () => {
      const host = hostOf(url);
      assert.ok(host !== undefined, `${url} is a valid base-url`);
      assert.equal(isTrustedHost(host, POLICY), true, host);
    });
  }

  const refused: [string, string][] = [
    ['another host', 'https://attacker.example/prod'],
    ['the API host as a prefix of another domain', `https://${API}.execute-api.us-east-1.amazonaws.com.attacker.example/prod`],
    ['the API host glued to another domain', `https://${API}.execute-api.us-east-1.amazonaws.com-attacker.example/prod`],
    ['another API of the same region', 'https://zzzzzzzzzz.execute-api.us-east-1.amazonaws.com/prod'],
    ['the id with a prefix', `https://x${API}.execute-api.us-east-1.amazonaws.com/prod`],
    ['the id one level down', `https://${API}.evil.execute-api.us-east-1.amazonaws.com/prod`],
    ['a VPC endpoint without the API id', 'https://vpce-0123456789abcdef0-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com/prod'],
    ['a lookalike of amazonaws', `https://${API}.execute-api.us-east-1.amazonaws.co/prod`],
    ['an IPv4 literal', 'http://127.0.0.1:8080/prod'],
    ['an IPv4 literal as a number', 'http://2130706433/prod'],
    ['an IPv6 literal', 'http://[::1]:8080/prod'],
    ['an ideographic full stop', `https://${API}.execute-api.us-east-1.amazonaws.com\u3002attacker.example/prod`],
    ['a subdomain of a trusted host', 'https://evil.api.example.com/v1'],
    ['a trusted host as a prefix', 'https://api.example.com.attacker.example/v1'],
    ['backslash tricks', `https://attacker.example\\${API}.execute-api.us-east-1.amazonaws.com/prod`],
  ];
  for (const [name, url] of refused) {
    test(`refused: ${name}`, () => {
      const host = hostOf(url);
      if (host !== undefined) assert.equal(isTrustedHost(host, POLICY), false, host);
    });
  }

  test("the input base-url's host is allowed, and only that host", () => {
    const policy = { ...POLICY, inputHost: '127.0.0.1' };
    assert.equal(isTrustedHost('127.0.0.1', policy), true);
    assert.equal(isTrustedHost('127.0.0.2', policy), false);
  });

  test('executeApiIdOf reads the id of both public and VPC endpoint forms', () => {
    assert.equal(executeApiIdOf(`${API}.execute-api.eu-west-3.amazonaws.com`), API);
    assert.equal(executeApiIdOf(`${API}-vpce-0abc.execute-api.eu-west-3.vpce.amazonaws.com`), API);
    assert.equal(executeApiIdOf('example.com'), undefined);
  });
});

describe('checkBaseUrl', () => {
  const invalid: [string, string, RegExp][] = [
    ['user and password', 'https://smoke:hunter2@api.example.com/v1', /contains credentials/],
    ['a user only', 'https://smoke@api.example.com/v1', /contains credentials/],
    ['an empty userinfo', 'https://@api.example.com/v1', /contains credentials/],
    [
      'a fragment used to hide the real host',
      `https://evil.com#@${API}.execute-api.us-east-1.amazonaws.com/prod`,
      /query string or fragment/,
    ],
    ['a query', 'https://api.example.com/v1?debug=1', /query string or fragment/],
    ['ftp', 'ftp://api.example.com/v1', /must use http or https/],
    ['javascript:', 'javascript:alert(1)', /must use http or https/],
    ['file:', 'file:///etc/passwd', /must use http or https/],
    ['relative', 'api.example.com/v1', /not an absolute URL/],
    ['a line break (workflow-command injection)', 'https://api.example.com/v1\n::warning::pwned', /line break/],
    ['a carriage return', 'https://api.example.com/v1\r::stop-commands::x', /line break/],
    ['a tab', 'https://api.example.com/\tv1', /white space/],
    ['a space', 'https://api.example.com/v 1', /white space/],
  ];
  for (const [name, url, message] of invalid) {
    test(`refuses ${name}`, () => {
      const checked = checkBaseUrl(url, '`api.base-url`');
      assert.ok('problem' in checked, 'refused');
      assert.match(checked.problem.message, message);
      assert.ok(!checked.problem.message.includes('hunter2'), 'never repeats a password');
      assert.ok(!/[\r\n]/.test(checked.problem.message), 'never quotes a line break');
    });
  }

  test('accepts http and https URLs with a path and a port', () => {
    for (const url of [
      'https://api.example.com',
      'http://127.0.0.1:4010/local/',
      `https://${API}.execute-api.us-east-1.amazonaws.com/prod`,
    ]) {
      assert.ok('url' in checkBaseUrl(url, 'base-url'), url);
    }
  });
});

describe('parseTrustedHosts', () => {
  test('comma, space and line separated, normalised', () => {
    assert.deepEqual(parseTrustedHosts('api.example.com, Other.Example.COM.\nthird.example'), {
      hosts: ['api.example.com', 'other.example.com', 'third.example'],
      problems: [],
    });
  });
  test('refuses URLs, ports, wildcards and userinfo: a host name only', () => {
    assert.deepEqual(parseTrustedHosts('https://api.example.com,api.example.com:443,*.example.com,a@b.example').problems, [
      'https://api.example.com',
      'api.example.com:443',
      '*.example.com',
      'a@b.example',
    ]);
  });
});
