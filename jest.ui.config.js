/** @type {import('jest').Config} The browser tests: real n8n's editor in Debian's Chromium. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	testTimeout: 120_000,
	maxWorkers: 1,
};
