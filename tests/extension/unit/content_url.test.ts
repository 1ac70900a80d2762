// The job id a URL points at (extension/src/content/url.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { urlJobId } from '../../../extension/src/content/url';

test('currentJobId on search pages', () => {
  assert.equal(urlJobId('https://www.linkedin.com/jobs/search/?currentJobId=4038498138&keywords=sre'), '4038498138');
  assert.equal(urlJobId('https://www.linkedin.com/jobs/search-results/?keywords=x&currentJobId=4100000001'), '4100000001');
  assert.equal(urlJobId('https://www.linkedin.com/jobs/search/?currentJobId=abc'), null);
  assert.equal(urlJobId('https://www.linkedin.com/jobs/search/?keywords=sre'), null);
});

test('/jobs/view/<id>/ and /jobs/view/<slug>-<id>', () => {
  assert.equal(urlJobId('https://www.linkedin.com/jobs/view/4100000003/'), '4100000003');
  assert.equal(urlJobId('https://www.linkedin.com/jobs/view/4100000003'), '4100000003');
  assert.equal(urlJobId('http://127.0.0.1:8080/jobs/view/security-engineer-at-harbourline-4012345680'), '4012345680');
  assert.equal(urlJobId('https://de.linkedin.com/jobs/view/engineer-3-at-x-4012345680?position=1&pageNum=0'), '4012345680');
  assert.equal(urlJobId('https://www.linkedin.com/jobs/view/4100000003/?refId=1#x'), '4100000003');
});

test('currentJobId wins over the path; junk is null', () => {
  assert.equal(urlJobId('https://www.linkedin.com/jobs/view/1/?currentJobId=2'), '2');
  assert.equal(urlJobId('https://www.linkedin.com/jobs/view/not-a-job/'), null);
  assert.equal(urlJobId('https://www.linkedin.com/jobs/collections/recommended/'), null);
  assert.equal(urlJobId('not a url'), null);
});
