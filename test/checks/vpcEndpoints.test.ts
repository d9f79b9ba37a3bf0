import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/ec2.js';
import { denied, ok } from '../helpers/inventory.js';
import { REGION, runner } from './serviceRunner.js';

const { statuses, run } = runner(checks);
const vpc = { id: 'vpc-1', arn: 'arn:vpc-1', isDefault: false };
const ep = (serviceName: string, type = 'Interface', vpcId = 'vpc-1') => ({ id: 'vpce-1', vpcId, serviceName, type });
const region = (endpoints: ReturnType<typeof ep>[]) => ({ ec2: { vpcs: ok([vpc]), vpcEndpoints: ok(endpoints) } as never });

describe('VPC endpoint checks', () => {
  it('EC2 endpoint: any type passes, missing fails, another VPC\'s endpoint does not count', () => {
    expect(statuses('ec2_vpc_endpoint_ec2', region([ep(`com.amazonaws.${REGION}.ec2`, 'Gateway')]))).toEqual(['PASS']);
    expect(statuses('ec2_vpc_endpoint_ec2', region([]))).toEqual(['FAIL']);
    expect(statuses('ec2_vpc_endpoint_ec2', region([ep(`com.amazonaws.${REGION}.ec2`, 'Interface', 'vpc-2')]))).toEqual(['FAIL']);
  });
  it('ECR API needs an interface endpoint in the same region', () => {
    expect(statuses('ec2_vpc_endpoint_ecr_api', region([ep(`com.amazonaws.${REGION}.ecr.api`)]))).toEqual(['PASS']);
    expect(statuses('ec2_vpc_endpoint_ecr_api', region([ep(`com.amazonaws.${REGION}.ecr.api`, 'Gateway')]))).toEqual(['FAIL']);
    expect(statuses('ec2_vpc_endpoint_ecr_api', region([ep('com.amazonaws.eu-west-1.ecr.api')]))).toEqual(['FAIL']);
    expect(statuses('ec2_vpc_endpoint_ssm', region([ep(`com.amazonaws.${REGION}.ssm-contacts`)]))).toEqual(['FAIL']);
  });
  it('errors when endpoints or VPCs could not be read', () => {
    const r = run('ec2_vpc_endpoint_ssm', { ec2: { vpcs: ok([vpc]), vpcEndpoints: denied('ec2:DescribeVpcEndpoints') } as never });
    expect(r.map((x) => x.status)).toEqual(['ERROR']);
    expect(r[0]!.reason).toContain('ec2:DescribeVpcEndpoints');
    expect(statuses('ec2_vpc_endpoint_ssm', { ec2: { vpcs: denied() } as never })).toEqual(['ERROR']);
  });
});
