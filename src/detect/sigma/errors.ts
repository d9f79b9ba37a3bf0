/** A rule uses a Sigma feature kenro does not implement; `feature` names it for the load report. */
export class UnsupportedFeature extends Error {
  constructor(
    readonly feature: string,
    detail?: string,
  ) {
    super(detail ? `${feature}: ${detail}` : feature);
    this.name = 'UnsupportedFeature';
  }
}

/** A rule is not valid Sigma (missing detection, unknown identifier, bad YAML, ...). */
export class InvalidRule extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRule';
  }
}
