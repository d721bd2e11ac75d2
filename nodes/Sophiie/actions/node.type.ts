import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/** What every `<operation>.operation.ts` exports. */
export interface OperationModule {
	/** Its fields, shown by the registry for its resource and operation only. */
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/** A resource's Operation dropdown: its entries and the one chosen by default. */
export interface OperationChoices {
	options: INodePropertyOptions[];
	defaultOperation: string;
}

/** What every `<Resource>.resource.ts` exports; its name is its key in the registry. */
export interface ResourceModule {
	/** The resource's name in the Resource dropdown. */
	displayName: string;
	/** Operation value → its module, as the router dispatches them. */
	operations: Record<string, OperationModule>;
	choices: OperationChoices;
}

/** An entry of a resource's Operation dropdown; its value must name one of the resource's operation modules. */
export type OperationOption<Operations> = INodePropertyOptions & { value: keyof Operations & string; action: string };

/**
 * A resource's Operation dropdown, typed so that a value without an operation
 * module (its properties and execute) does not compile.
 */
export function operationChoices<Operations extends Record<string, OperationModule>>(
	_operations: Operations,
	options: Array<OperationOption<Operations>>,
	defaultOperation: keyof Operations & string,
): OperationChoices {
	return { options, defaultOperation };
}

/**
 * A resource's part of the node's description, written from its registry key:
 * the Operation dropdown, then each operation's fields, shown only for that
 * resource and operation.
 */
export function resourceDescription(resource: string, { operations, choices }: ResourceModule): INodeProperties[] {
	const { options, defaultOperation } = choices;
	const dropdown: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
	const fields = Object.entries(operations).flatMap(([operation, module]) =>
		updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, module.properties),
	);
	return [dropdown, ...fields];
}
