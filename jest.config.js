/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Real n8n (`npm run test:e2e`), queue mode (`npm run test:e2e:queue`) and the browser
	// (`npm run test:ui`) have their own commands.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/queue/', '<rootDir>/test/ui/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	setupFilesAfterEnv: ['<rootDir>/test/harness/leak-guard.ts'],
	testTimeout: 60_000,
};
