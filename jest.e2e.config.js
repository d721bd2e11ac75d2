/** @type {import('jest').Config} The end-to-end suite: real n8n, the packed package, the sandbox. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	// Installing n8n on a machine that has never run it takes minutes.
	testTimeout: 120_000,
	maxWorkers: 1,
};
