/**
 * Elastic Load Balancing v2 checks: encrypted listeners, HTTP-to-HTTPS redirects, invalid header
 * dropping, desync mitigation, deletion protection and access logs.
 */
import type { AccountInventory, LoadBalancer } from '../model/inventory.js';
import { fail, pass, type ResourceRef } from './helpers.js';
import type { Check, CheckMeta, Finding } from './types.js';
import { readError, perRegionRead } from './readErrors.js';

type Listener = Extract<LoadBalancer['listeners'], { status: 'ok' }>['value'][number];

const ref = (lb: LoadBalancer, region: string): ResourceRef => ({ region, resourceId: lb.name, resourceArn: lb.arn, origin: lb.origin });
const LBS = 'load balancers (elasticloadbalancing:DescribeLoadBalancers)';

function perLb(account: AccountInventory, types: string[], judge: (lb: LoadBalancer, r: ResourceRef) => Finding[]): Finding[] {
  return perRegionRead(account, (r) => r.elbv2.loadBalancers, LBS, (lb, region) => (types.includes(lb.type) ? judge(lb, ref(lb, region)) : []));
}

/** An ALB HTTP listener whose default action redirects to HTTPS. */
function redirectsToHttps(l: Listener): boolean {
  return (l.defaultActions ?? []).some((a) => a.type === 'redirect' && (a.redirectProtocol ?? '').toUpperCase() === 'HTTPS');
}

function meta(m: Omit<CheckMeta, 'service' | 'resourceType'>): CheckMeta {
  return { service: 'elbv2', resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', ...m };
}

const httpsRedirect: Check = {
  meta: meta({
    id: 'elbv2_alb_http_redirect_https',
    title: 'Application Load Balancers redirect HTTP requests to HTTPS',
    severity: 'medium',
    description: 'Every HTTP listener on an Application Load Balancer has a default action that redirects to HTTPS.',
    risk: 'An HTTP listener that serves content lets clients send data, cookies and tokens in clear text.',
    remediation: {
      cli: 'aws elbv2 modify-listener --listener-arn <http-listener> --default-actions \'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}\'',
      cloudformation:
        'HttpListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    LoadBalancerArn: !Ref Alb\n    Port: 80\n    Protocol: HTTP\n' +
        '    DefaultActions:\n      - Type: redirect\n        RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 }',
      console: 'EC2 console > Load Balancers > the ALB > Listeners > HTTP:80 > Edit > Default action: Redirect to HTTPS 443.',
      docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html',
    },
    configRule: 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK',
  }),
  run(account) {
    return perLb(account, ['application'], (lb, r) => {
      if (lb.listeners.status !== 'ok') return [readError(r, lb.listeners, `the listeners of ${lb.name} (elasticloadbalancing:DescribeListeners)`)];
      const bad = lb.listeners.value.filter((l) => l.protocol.toUpperCase() === 'HTTP' && !redirectsToHttps(l));
      return bad.length === 0
        ? [pass(r, 'no HTTP listener serves traffic without redirecting to HTTPS')]
        : [fail(r, `HTTP listener on port ${bad[0]!.port} does not redirect to HTTPS`, { listeners: bad }, 'listeners')];
    });
  },
};

const encryptedListeners: Check = {
  meta: meta({
    id: 'elbv2_listeners_encrypted',
    title: 'Application and Network Load Balancer listeners use encrypted protocols',
    severity: 'medium',
    description:
      'Application Load Balancer listeners use HTTPS (an HTTP listener counts only when it just redirects to HTTPS); Network ' +
      'Load Balancer listeners use TLS. Plain TCP, UDP and TCP_UDP listeners fail even if the targets terminate TLS themselves, ' +
      'since the load balancer cannot tell.',
    risk: 'Unencrypted listeners carry application data in clear text between clients and the load balancer.',
    remediation: {
      cli: 'aws elbv2 create-listener --load-balancer-arn <lb> --protocol HTTPS --port 443 --certificates CertificateArn=<acm-cert> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 --default-actions ...',
      cloudformation:
        'HttpsListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    LoadBalancerArn: !Ref Alb\n    Port: 443\n    Protocol: HTTPS\n' +
        '    SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n    Certificates: [{ CertificateArn: !Ref Cert }]\n    DefaultActions: [...]',
      console: 'EC2 console > Load Balancers > the load balancer > Listeners > Add listener (HTTPS or TLS) and remove the clear-text listener.',
      docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html',
    },
    configRule: 'ELBV2_LISTENER_ENCRYPTION_IN_TRANSIT',
  }),
  run(account) {
    return perLb(account, ['application', 'network'], (lb, r) => {
      if (lb.listeners.status !== 'ok') return [readError(r, lb.listeners, `the listeners of ${lb.name} (elasticloadbalancing:DescribeListeners)`)];
      const bad = lb.listeners.value.filter((l) => {
        const p = l.protocol.toUpperCase();
        if (p === 'HTTPS' || p === 'TLS') return false;
        return !(lb.type === 'application' && p === 'HTTP' && redirectsToHttps(l));
      });
      return bad.length === 0
        ? [pass(r, 'every listener uses HTTPS/TLS or only redirects to HTTPS')]
        : [fail(r, `listener ${bad[0]!.protocol}:${bad[0]!.port} is not encrypted`, { listeners: bad.map((l) => ({ protocol: l.protocol, port: l.port })) }, 'listeners')];
    });
  },
};

/** A check over one load-balancer attribute. */
function attributeCheck(opts: {
  meta: CheckMeta;
  types: string[];
  key: string;
  /** Value AWS uses when the attribute is absent. */
  awsDefault: string;
  good: (v: string) => boolean;
  field?: string;
}): Check {
  return {
    meta: opts.meta,
    run(account) {
      return perLb(account, opts.types, (lb, r) => {
        if (lb.attributes.status !== 'ok') return [readError(r, lb.attributes, `the attributes of ${lb.name} (elasticloadbalancing:DescribeLoadBalancerAttributes)`)];
        const raw = lb.attributes.value[opts.key];
        const v = raw ?? opts.awsDefault;
        const ev = { [opts.key]: raw ?? `${opts.awsDefault} (AWS default)` };
        return opts.good(v) ? [pass(r, `${opts.key} = ${v}`, ev)] : [fail(r, `${opts.key} = ${v}`, ev, opts.field ?? 'attributes')];
      });
    },
  };
}

const dropInvalidHeaders = attributeCheck({
  meta: meta({
    id: 'elbv2_alb_drop_invalid_headers',
    title: 'Application Load Balancers drop invalid HTTP headers',
    severity: 'medium',
    description: 'routing.http.drop_invalid_header_fields.enabled is true, so headers that do not match the HTTP grammar are removed before reaching targets.',
    risk: 'Malformed headers passed through to targets enable HTTP request smuggling and desync attacks.',
    remediation: {
      cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <alb> --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true',
      cloudformation: 'Alb:\n  Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n  Properties:\n    LoadBalancerAttributes:\n      - Key: routing.http.drop_invalid_header_fields.enabled\n        Value: "true"',
      console: 'EC2 console > Load Balancers > the ALB > Attributes > Edit > Drop invalid header fields: on.',
      docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
    },
    configRule: 'ALB_HTTP_DROP_INVALID_HEADER_ENABLED',
  }),
  types: ['application'],
  key: 'routing.http.drop_invalid_header_fields.enabled',
  awsDefault: 'false',
  good: (v) => v === 'true',
});

const desyncMitigation = attributeCheck({
  meta: meta({
    id: 'elbv2_alb_desync_mitigation',
    title: 'Application Load Balancers use defensive or strictest desync mitigation',
    severity: 'medium',
    description: 'routing.http.desync_mitigation_mode is defensive (the AWS default) or strictest, not monitor.',
    risk: 'In monitor mode the load balancer forwards ambiguous requests that can be used for request smuggling.',
    remediation: {
      cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <alb> --attributes Key=routing.http.desync_mitigation_mode,Value=defensive',
      cloudformation: 'LoadBalancerAttributes:\n  - Key: routing.http.desync_mitigation_mode\n    Value: defensive',
      console: 'EC2 console > Load Balancers > the ALB > Attributes > Edit > Desync mitigation mode: Defensive or Strictest.',
      docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode',
    },
    configRule: 'ALB_DESYNC_MODE_CHECK',
  }),
  types: ['application'],
  key: 'routing.http.desync_mitigation_mode',
  awsDefault: 'defensive',
  good: (v) => v === 'defensive' || v === 'strictest',
});

const deletionProtection = attributeCheck({
  meta: meta({
    id: 'elbv2_deletion_protection',
    title: 'Application, Network and Gateway Load Balancers have deletion protection enabled',
    severity: 'medium',
    description: 'deletion_protection.enabled is true on each Application, Network and Gateway Load Balancer (absent means off, the AWS default).',
    risk: 'An accidental delete takes the application offline and loses its DNS name.',
    remediation: {
      cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb> --attributes Key=deletion_protection.enabled,Value=true',
      cloudformation: 'LoadBalancerAttributes:\n  - Key: deletion_protection.enabled\n    Value: "true"',
      console: 'EC2 console > Load Balancers > the load balancer > Attributes > Edit > Deletion protection: on.',
      docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection',
    },
    configRule: 'ELB_DELETION_PROTECTION_ENABLED',
  }),
  types: ['application', 'network', 'gateway'],
  key: 'deletion_protection.enabled',
  awsDefault: 'false',
  good: (v) => v === 'true',
});

/**
 * Listener security policies that only negotiate TLS 1.2 or later and are AWS's current TLS 1.3
 * family (ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-*, including Res, Ext, FIPS and PQ variants).
 * Older families (2016-08, TLS-1-1, FS-1-1, TLS13-1-0/1-1) fail: they still accept TLS 1.0/1.1 or
 * are not among the policies AWS recommends today.
 */
export function isRecommendedSslPolicy(name: string): boolean {
  return /^ELBSecurityPolicy-TLS13-1-[23]-/.test(name);
}

const recommendedTlsPolicy: Check = {
  meta: meta({
    id: 'elbv2_listeners_recommended_tls_policy',
    title: 'HTTPS and TLS listeners use a recommended TLS 1.2+ security policy',
    severity: 'medium',
    description:
      'Every HTTPS (ALB) and TLS (NLB) listener uses one of AWS\'s TLS 1.3 security policies with TLS 1.2 as the minimum ' +
      '(ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-*). A listener created outside the console without a policy gets ' +
      'ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 and fails.',
    risk: 'Policies that accept TLS 1.0/1.1 or weak ciphers let clients be downgraded to protocols with known weaknesses.',
    remediation: {
      cli: 'aws elbv2 modify-listener --listener-arn <listener> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06',
      cloudformation: 'HttpsListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06',
      console: 'EC2 console > Load Balancers > the load balancer > Listeners > the HTTPS/TLS listener > Edit > Security policy.',
      docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
    },
    configRule: 'ELBV2_PREDEFINED_SECURITY_POLICY_SSL_CHECK',
  }),
  run(account) {
    return perLb(account, ['application', 'network'], (lb, r) => {
      if (lb.listeners.status !== 'ok') return [readError(r, lb.listeners, `the listeners of ${lb.name} (elasticloadbalancing:DescribeListeners)`)];
      const secure = lb.listeners.value.filter((l) => ['HTTPS', 'TLS'].includes(l.protocol.toUpperCase()));
      if (secure.length === 0) return [];
      const bad = secure.filter((l) => !isRecommendedSslPolicy(l.sslPolicy ?? ''));
      return bad.length === 0
        ? [pass(r, `every HTTPS/TLS listener uses a recommended policy (${secure[0]!.sslPolicy})`)]
        : [fail(r, `listener ${bad[0]!.protocol}:${bad[0]!.port} uses ${bad[0]!.sslPolicy ?? 'no recorded policy'}`, { listeners: bad.map((l) => ({ port: l.port, sslPolicy: l.sslPolicy })) }, 'listeners')];
    });
  },
};

const accessLogs = attributeCheck({
  meta: meta({
    id: 'elbv2_alb_access_logs',
    title: 'Application Load Balancers have access logging enabled',
    severity: 'medium',
    description: 'access_logs.s3.enabled is true, so every request is logged to S3 with client address, path, status and TLS details.',
    risk: 'Without access logs, attacks through the load balancer leave no request-level record.',
    remediation: {
      cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <alb> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<log-bucket>',
      cloudformation: 'LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: "true"\n  - Key: access_logs.s3.bucket\n    Value: !Ref LogBucket',
      console: 'EC2 console > Load Balancers > the ALB > Attributes > Edit > Monitoring > Access logs: on, choose the S3 location.',
      docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
    },
    configRule: 'ELB_LOGGING_ENABLED',
  }),
  types: ['application'],
  key: 'access_logs.s3.enabled',
  awsDefault: 'false',
  good: (v) => v === 'true',
});

export const checks: Check[] = [httpsRedirect, encryptedListeners, recommendedTlsPolicy, dropInvalidHeaders, desyncMitigation, deletionProtection, accessLogs];
