/** @type {import('jest').Config} The queue-mode suite: real n8n main, webhook processor and workers on Postgres and Redis. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	testTimeout: 180_000,
	maxWorkers: 1,
};
