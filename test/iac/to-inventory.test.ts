import { describe, expect, it } from 'vitest';
import { account, inv } from './helpers.js';

describe('template -> inventory', () => {
  it('maps a bucket and attaches its bucket policy by Ref, with field locations', () => {
    const a = account(
      inv(`Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-logs
      VersioningConfiguration:
        Status: Enabled
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: [!GetAtt Logs.Arn, !Sub "\${Logs.Arn}/*"]
            Condition: {Bool: {"aws:SecureTransport": "false"}}
`),
    );
    const buckets = a.s3.buckets.status === 'ok' ? a.s3.buckets.value : [];
    expect(buckets).toHaveLength(1);
    const b = buckets[0]!;
    expect(b.name).toBe('app-logs');
    expect(b.versioning).toEqual({ status: 'ok', value: { status: 'Enabled', mfaDelete: false } });
    expect(b.policy.status).toBe('ok');
    const stmt = (b.policy as unknown as { value: { Statement: { Resource: string[] }[] } }).value.Statement[0]!;
    expect(stmt.Resource).toEqual(['arn:aws:s3:::app-logs', 'arn:aws:s3:::app-logs/*']);
    expect(b.origin?.logicalId).toBe('Logs');
    expect(b.origin?.line).toBe(2);
    expect(b.origin?.fields?.versioning).toEqual({ line: 7, column: 9 }); // VersioningConfiguration.Status
    expect(b.origin?.fields?.policy?.line).toBe(12);
    // S3 defaults for new buckets: SSE-S3, Block Public Access on, ACLs disabled.
    expect(b.encryption).toEqual({ status: 'ok', value: { rules: [{ sseAlgorithm: 'AES256' }] } });
    expect(b.ownershipControls).toEqual({ status: 'ok', value: 'BucketOwnerEnforced' });
  });

  it('gives a security group without SecurityGroupEgress the default allow-all egress, and adds standalone ingress', () => {
    const a = account(
      inv(`Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  Ssh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Sg.GroupId
      IpProtocol: "6"
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
`),
    );
    const sgs = a.regional.template!.ec2.securityGroups;
    const sg = sgs.status === 'ok' ? sgs.value[0]! : undefined;
    expect(sg?.egress).toEqual([{ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], groupRefs: [] }]);
    expect(sg?.ingress.map((p) => [p.ipProtocol, p.fromPort, p.toPort, p.ipv4Ranges[0]])).toEqual([
      ['tcp', 443, 443, '0.0.0.0/0'],
      ['tcp', 22, 22, '0.0.0.0/0'],
    ]);
    // The standalone rule is located in its own resource.
    expect(sg?.origin?.fields?.['ingress[1]']?.line).toBe(15);
  });

  it('applies CloudFormation defaults (RDS StorageEncrypted false) and points at Properties when the property is missing', () => {
    const a = account(inv(`Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: false\n`));
    const db = a.regional.template!.rds.instances.status === 'ok' ? a.regional.template!.rds.instances.value[0]! : undefined;
    expect(db?.storageEncrypted).toBe(false);
    expect(db?.autoMinorVersionUpgrade).toBe(true);
    expect(db?.origin?.fields?.storageEncrypted).toEqual({ line: 4, column: 5 });
    expect(db?.origin?.fields?.publiclyAccessible).toEqual({ line: 6, column: 7 });
  });

  it('records unresolved values: a policy from a parameter without value is Collected unresolved', () => {
    const ti = inv(`Parameters:\n  Doc: {Type: String}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n  P:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Q]\n      PolicyDocument: !Ref Doc\n`);
    const q = account(ti).regional.template!.sqs.queues;
    const queue = q.status === 'ok' ? q.value[0]! : undefined;
    expect(queue?.policy.status).toBe('unresolved');
    expect(queue?.policy.status !== 'ok' && queue?.policy.error.message).toContain('parameter Doc has no default');
  });

  it('marks account-level data a template does not describe as not available', () => {
    const a = account(inv('Resources:\n  T:\n    Type: AWS::SNS::Topic\n'));
    expect(a.iam.credentialReport.status).toBe('not_available');
    expect(a.iam.passwordPolicy.status).toBe('not_available');
    expect(a.s3.accountPublicAccessBlock.status).toBe('not_available');
    expect(a.iam.credentialReport.status !== 'ok' && a.iam.credentialReport.error.message).toContain('not described by a template');
  });

  it('expands a SAM function into a Lambda function and its execution role with the inline policies', () => {
    const a = account(
      inv(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Policies:
        - AmazonS3ReadOnlyAccess
        - Statement:
            - {Effect: Allow, Action: "*", Resource: "*"}
`),
    );
    const fns = a.regional.template!.lambda.functions;
    expect(fns.status === 'ok' && fns.value[0]!.runtime).toBe('python3.12');
    const roles = a.iam.roles.status === 'ok' ? a.iam.roles.value : [];
    expect(roles.map((r) => r.name)).toEqual(['test-FnRole']);
    expect(roles[0]!.attachedPolicies.map((p) => p.arn)).toContain('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    expect(roles[0]!.inlinePolicies[0]!.document).toEqual({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(fns.status === 'ok' && fns.value[0]!.role).toBe(roles[0]!.arn);
  });

  it('builds one world per assignment of undecidable conditions, dropping resources whose Condition is false', () => {
    const ti = inv(`Parameters:\n  Env: {Type: String}\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  V:\n    Type: AWS::EC2::Volume\n    Condition: Prod\n    Properties: {AvailabilityZone: a, Size: 1}\n`);
    expect(ti.worlds).toHaveLength(2);
    const counts = ti.worlds.map((w) => {
      const v = w.inventory.accounts[0]!.regional.template!.ec2.volumes;
      return v.status === 'ok' ? v.value.length : -1;
    });
    expect(counts.sort()).toEqual([0, 1]);
  });
});

describe('network plumbing', () => {
  it('maps VPC endpoints, internet gateways and route tables to their VPC and subnets', () => {
    const a = account(
      inv(`Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Sub: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties: {VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.ec2", VpcEndpointType: Interface}
  Igw: {Type: AWS::EC2::InternetGateway}
  Att: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
  Rt: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
  Default: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
  Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Sub, RouteTableId: !Ref Rt}}
`),
    );
    const ec2 = a.regional.template!.ec2;
    expect(ec2.vpcEndpoints).toEqual({ status: 'ok', value: [{ id: 'vpce-Ep', vpcId: 'vpc-Vpc', serviceName: 'com.amazonaws.template.ec2', type: 'Interface' }] });
    expect(ec2.internetGateways).toEqual({ status: 'ok', value: [{ id: 'igw-Igw', vpcIds: ['vpc-Vpc'] }] });
    expect(ec2.routeTables.status === 'ok' && ec2.routeTables.value[0]).toEqual({ id: 'rtb-Rt', vpcId: 'vpc-Vpc', routes: [{ destination: '0.0.0.0/0', target: 'igw-Igw' }], subnetIds: ['subnet-Sub'], main: false });
  });
});
