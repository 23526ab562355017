/** Branding of the hosted UI (classic): CSS and logo per pool and per app client. */
import type { AnyOperation } from '../registry.js';
import getUICustomization from './getUICustomization.js';
import setUICustomization from './setUICustomization.js';

export const brandingOperations: Record<string, AnyOperation> = {
  GetUICustomization: getUICustomization,
  SetUICustomization: setUICustomization,
};
