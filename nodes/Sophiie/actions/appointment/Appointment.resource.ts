import { resourceDescription } from '../node.type';
import * as getAll from './getAll.operation';

export const displayName = 'Appointment';

export const operations = { getAll };

export const description = resourceDescription(
	'appointment',
	operations,
	[
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List appointments (jobs), optionally of one lead',
			action: 'Get many appointments',
		},
	],
	'getAll',
);
