import { catalogueOperation } from './catalogue';

export const { description, execute } = catalogueOperation('getServices', 'services');
