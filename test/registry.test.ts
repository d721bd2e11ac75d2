import { resources } from '../nodes/Sophiie/actions/resources';
import { Sophiie } from '../nodes/Sophiie/Sophiie.node';

/**
 * The resource registry against what users see: every value in the Resource
 * and Operation dropdowns has an operation module behind it, and every module
 * a dropdown value (the compiler checks the registry against its type map).
 */
test('every dropdown value has an operation module, and every module a dropdown value', () => {
	const { properties } = new Sophiie().description;
	const values = (name: string, resource?: string) => {
		const property = properties.find(
			(candidate) =>
				candidate.name === name && (!resource || (candidate.displayOptions?.show?.resource as string[]).includes(resource)),
		)!;
		return { values: (property.options as Array<{ value: string }>).map((option) => option.value).sort(), default: property.default };
	};
	const offered = values('resource');
	expect(offered.values).toEqual(Object.keys(resources).sort());
	for (const resource of offered.values) {
		const operations = values('operation', resource);
		const modules = Object.keys(resources[resource as keyof typeof resources].operations).sort();
		expect({ resource, operations: operations.values }).toEqual({ resource, operations: modules });
		expect(operations.values).toContain(operations.default);
	}
});
