/**
 * VPC endpoints for AWS services (FSBP EC2.10, EC2.55-EC2.60; AWS Config
 * SERVICE_VPC_ENDPOINT_ENABLED): each VPC reaches the named service through a VPC endpoint, so the
 * traffic stays on the AWS network and endpoint policies can limit it. One result per VPC.
 */
import { fail, pass, type ResourceRef } from './helpers.js';
import { perRegionRead, readError } from './readErrors.js';
import type { Check } from './types.js';

interface EndpointSpec {
  id: string;
  /** Service name suffix after `com.amazonaws.<region>.`. */
  service: string;
  label: string;
  /** Interface endpoints only (EC2.55+ ask for an interface endpoint). */
  interfaceOnly: boolean;
}

const SPECS: EndpointSpec[] = [
  { id: 'ec2_vpc_endpoint_ec2', service: 'ec2', label: 'the EC2 API', interfaceOnly: false },
  { id: 'ec2_vpc_endpoint_ecr_api', service: 'ecr.api', label: 'the ECR API', interfaceOnly: true },
  { id: 'ec2_vpc_endpoint_ecr_dkr', service: 'ecr.dkr', label: 'the ECR Docker registry', interfaceOnly: true },
  { id: 'ec2_vpc_endpoint_ssm', service: 'ssm', label: 'Systems Manager', interfaceOnly: true },
  { id: 'ec2_vpc_endpoint_ssm_contacts', service: 'ssm-contacts', label: 'Systems Manager Incident Manager Contacts', interfaceOnly: true },
  { id: 'ec2_vpc_endpoint_ssm_incidents', service: 'ssm-incidents', label: 'Systems Manager Incident Manager', interfaceOnly: true },
];

function endpointCheck(spec: EndpointSpec): Check {
  const kind = spec.interfaceOnly ? 'an interface endpoint' : 'a VPC endpoint';
  return {
    meta: {
      id: spec.id,
      title: `VPCs have ${kind} for ${spec.label}`,
      severity: 'medium',
      service: 'ec2',
      resourceType: 'AWS::EC2::VPC',
      description:
        `Each VPC has ${kind} for ${spec.label} (service name com.amazonaws.<region>.${spec.service}), so calls to it ` +
        'do not need an internet path and can be limited by an endpoint policy.',
      risk: `Without the endpoint, instances need internet or NAT access to reach ${spec.label}, and that traffic cannot be restricted by an endpoint policy.`,
      remediation: {
        cli: `aws ec2 create-vpc-endpoint --vpc-id vpc-0123 --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.${spec.service} --subnet-ids subnet-a subnet-b --security-group-ids sg-0123 --private-dns-enabled`,
        cloudformation:
          `Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n` +
          `    ServiceName: !Sub com.amazonaws.\${AWS::Region}.${spec.service}\n    PrivateDnsEnabled: true\n    SubnetIds: [!Ref SubnetA, !Ref SubnetB]`,
        console: `VPC console > Endpoints > Create endpoint > AWS services > com.amazonaws.<region>.${spec.service} > choose the VPC and subnets.`,
        docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
      },
      configRule: 'SERVICE_VPC_ENDPOINT_ENABLED',
    },
    run(account) {
      return perRegionRead(account, (r) => r.ec2.vpcs, 'VPCs (ec2:DescribeVpcs)', (vpc, region, r) => {
        const ref: ResourceRef = { region, resourceId: vpc.id, resourceArn: vpc.arn, origin: vpc.origin };
        const eps = r.ec2.vpcEndpoints;
        if (eps.status !== 'ok') return [readError(ref, eps, `VPC endpoints in ${region} (ec2:DescribeVpcEndpoints)`)];
        const name = `com.amazonaws.${region}.${spec.service}`;
        const match = eps.value.filter(
          (e) => e.vpcId === vpc.id && e.serviceName === name && (!spec.interfaceOnly || e.type.toLowerCase() === 'interface'),
        );
        return match.length > 0
          ? [pass(ref, `endpoint ${match[0]!.id} serves ${name}`, { endpoints: match.map((e) => e.id) })]
          : [fail(ref, `the VPC has no ${spec.interfaceOnly ? 'interface ' : ''}endpoint for ${name}`, { serviceName: name })];
      });
    },
  };
}

export const vpcEndpointChecks: Check[] = SPECS.map(endpointCheck);
