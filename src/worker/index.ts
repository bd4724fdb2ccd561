/**
 * Worker entry: exposes {@link TailorWorkerApi} to the page through comlink.
 * Loaded as a module worker, either straight from Tailor's origin or through a
 * same-origin blob trampoline when the page lives on another origin.
 */
import { expose } from 'comlink';
import { installWireErrors } from './protocol';
import { createWorkerApi } from './api';

installWireErrors();
expose(createWorkerApi());
