import { catalogueOperation } from './catalogue';

export const { properties, execute } = catalogueOperation('services');
