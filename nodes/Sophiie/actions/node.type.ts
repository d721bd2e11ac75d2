import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Every resource and its operation values, as the dropdowns offer them. Each
 * resource's `operations` map is typed from this, so a value listed here
 * without an operation module (description + execute) does not compile, nor
 * does a module under a value not listed here.
 */
export type SophiieNodeMap = {
	appointment: 'getAll';
	company: 'listNotes';
	inquiry: 'get' | 'getAll';
	lead: 'create' | 'delete' | 'get' | 'getAll' | 'listActivities' | 'listNotes' | 'update';
	member: 'getAll';
	organization: 'get' | 'getMembers' | 'getProducts' | 'getServices';
	sms: 'send';
};

/** What every `<operation>.operation.ts` exports. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/** A resource's operation values → their modules. */
export type OperationsOf<Resource extends keyof SophiieNodeMap> = { [Value in SophiieNodeMap[Resource]]: OperationModule };

/** What every `<Resource>.resource.ts` exports. */
export interface ResourceModule<Resource extends keyof SophiieNodeMap> {
	description: INodeProperties[];
	operations: OperationsOf<Resource>;
}
