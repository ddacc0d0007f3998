import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{b as t,l as e}from"./chunk-MQOOVTKH.js";import{l as o,t as m}from"./chunk-UQYKFU5X.js";var r=o(t,"BackplaneControlService","APIGatewayClient",m),n={},p=(c,i,s,f)=>[];var a=class extends r(n,p,"GetStages",e){};export{r as a,n as b,p as c,a as d};
