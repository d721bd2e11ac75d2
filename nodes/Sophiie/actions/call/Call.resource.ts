import { operationChoices } from '../node.type';
import * as create from './create.operation';

export const displayName = 'Call';

export const operations = { create };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Have Sophiie’s AI phone a person now (a real call), e.g. a new web lead within a minute',
			action: 'Phone a person with Sophiie’s AI (a real call)',
		},
	],
	'create',
);
