import js from '@eslint/js';
import { config as communityNodeConfig } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

// The package itself (credentials/, nodes/, package.json) is linted with n8n's
// own community-node rules, as n8n's verification does. The sandbox, tests and
// scripts never ship; they get the plain TypeScript rules.
const devOnlyFiles = ['sandbox/**', 'test/**', 'scripts/**', 'examples/**'];

export default tseslint.config(
	{ ignores: ['dist/**', 'build/**', 'coverage/**', 'node_modules/**'] },
	...communityNodeConfig.map((block) =>
		block.files || block.rules || block.plugins || block.settings
			? { ...block, ignores: [...(block.ignores ?? []), ...devOnlyFiles] }
			: block,
	),
	{
		files: ['sandbox/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
	},
);
