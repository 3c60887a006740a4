import { App } from 'aws-cdk-lib';
import { TiplineStack } from '../lib/tipline-stack';

const app = new App();

// No `env`: the stack stays environment-agnostic so that synth never needs credentials.
new TiplineStack(app, 'TiplineStack', {
  description: 'tipline: anonymous tip line for human-trafficking reports',
});

// cdk-nag goes here, once, over the whole app: Aspects.of(app).add(new AwsSolutionsChecks()).
