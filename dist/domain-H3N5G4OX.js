import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{g as a,h as b,i as c}from"./chunk-6AFQHM3J.js";import"./chunk-SFO5CW42.js";import"./chunk-O3SR2WAQ.js";import"./chunk-3W6YZFOQ.js";import"./chunk-ZCVFKHAY.js";import"./chunk-7QWMKDIK.js";export{c as domainMapsToApi,b as readDomain,a as readDomainMappings};
