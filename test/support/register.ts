export { readIriRegister as readRegisterFile } from '../../src/iri/register-file.js';
