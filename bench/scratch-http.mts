import { httpFigures } from './figures/http.ts';
for (const f of await httpFigures()) console.log(JSON.stringify(f));
