import { describe, expect, it } from 'vitest';
import { canonicalCidr } from '../../src/sources/cfn/map-ec2.js';
import { MAPPED_TYPES } from '../../src/sources/cfn/to-inventory.js';
import { scan } from './helpers.js';

describe('robustness of the mapping', () => {
  it('maps every supported type with no properties, or with unresolvable ones, without crashing', () => {
    expect(MAPPED_TYPES.length).toBeGreaterThan(40);
    for (const type of MAPPED_TYPES) {
      const bare = scan(`Resources:\n  A:\n    Type: ${type}\n`);
      expect(bare.results.filter((r) => r.reason.startsWith('check ')), type).toEqual([]);
      const unknown = scan(`Parameters:\n  P: {Type: String}\nResources:\n  A:\n    Type: ${type}\n    Properties: !Ref P\n`);
      expect(unknown.results.filter((r) => r.reason.startsWith('check ')), type).toEqual([]);
      // Nothing passes on a resource whose every property is unknown, except checks that only
      // read what other resources attach (NACL entries, a secret's resource policy).
      const passes = unknown.results.filter((r) => r.status === 'PASS').map((r) => r.checkId);
      expect(passes.filter((id) => !['ec2_nacl_no_public_admin_ports', 'secretsmanager_policy_not_public'].includes(id)), type).toEqual([]);
    }
  });

  it('stores CIDRs the way EC2 does', () => {
    expect(canonicalCidr('10.0.0.1/0')).toBe('0.0.0.0/0');
    expect(canonicalCidr('10.1.2.3/16')).toBe('10.1.0.0/16');
    expect(canonicalCidr('192.168.1.7/32')).toBe('192.168.1.7/32');
    expect(canonicalCidr('not-a-cidr')).toBe('not-a-cidr');
  });
});
