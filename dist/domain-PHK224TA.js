import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a,b,c}from"./chunk-GOGBYKZI.js";import"./chunk-UWEWPU2U.js";import"./chunk-D6G6ZOLC.js";import"./chunk-MQOOVTKH.js";import"./chunk-UQYKFU5X.js";import"./chunk-536MC2GG.js";import"./chunk-ZCVFKHAY.js";import"./chunk-7QWMKDIK.js";export{c as domainMapsToApi,b as readDomain,a as readDomainMappings};
