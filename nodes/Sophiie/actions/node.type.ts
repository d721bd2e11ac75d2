import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/** What every `<operation>.operation.ts` exports. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/** What every `<Resource>.resource.ts` exports. */
export interface ResourceModule {
	/** The resource's name in the Resource dropdown. */
	displayName: string;
	/** Operation value → its module, as the router dispatches them. */
	operations: Record<string, OperationModule>;
	/** The Operation dropdown, then every operation's fields. */
	description: INodeProperties[];
}

/** An entry of a resource's Operation dropdown; its value must name one of the resource's operation modules. */
export type OperationOption<Operations> = INodePropertyOptions & { value: keyof Operations & string; action: string };

/**
 * A resource's description: its Operation dropdown, then the fields of each
 * operation. Typed so that a dropdown value without an operation module (its
 * description and execute) does not compile.
 */
export function resourceDescription<Operations extends Record<string, OperationModule>>(
	resource: string,
	operations: Operations,
	options: Array<OperationOption<Operations>>,
	defaultOperation: keyof Operations & string,
): INodeProperties[] {
	const dropdown: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
	return [dropdown, ...Object.values(operations).flatMap((operation) => operation.description)];
}
