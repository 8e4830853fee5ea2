import { describe, expect, it } from 'vitest';
import { blockedAddressKind, webhookUrlProblem } from './addresses.ts';

describe('blockedAddressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'private'],
    ['fc12:3456::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['not an address', 'reserved'],
    ['1:2:3', 'reserved'],
  ])('%s is %s', (ip, kind) => {
    expect(blockedAddressKind(ip)).toBe(kind);
  });

  it.each(['93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::6810:84e5', '::ffff:93.184.216.34'])(
    '%s is public',
    (ip) => {
      expect(blockedAddressKind(ip)).toBeNull();
    },
  );
});

describe('webhookUrlProblem', () => {
  it('refuses loopback, private and link-local hosts written in the URL, unless private networks are allowed', () => {
    for (const url of [
      'http://localhost:8080/hook',
      'http://api.localhost/hook',
      'http://127.0.0.1/hook',
      'http://[::1]:3000/hook',
      'https://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      expect(webhookUrlProblem(url, false), url).toMatch(/address: webhooks are not sent to private networks/);
      expect(webhookUrlProblem(url, true), url).toBeNull();
    }
  });

  it('lets names through: they are checked, resolved, when each webhook is sent', () => {
    expect(webhookUrlProblem('https://hooks.example.com/stageflow', false)).toBeNull();
    expect(webhookUrlProblem('https://93.184.216.34/hook', false)).toBeNull();
  });
});
