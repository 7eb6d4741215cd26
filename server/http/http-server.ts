import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * An HTTP server for an Express app whose requests and responses are born as Express's own.
 *
 * Express moves every request and response onto its prototypes with Object.setPrototypeOf.
 * Changing an object's prototype throws away what V8 learnt about its shape, so Node's HTTP code
 * runs unoptimised for every request: on this machine that halved a plain Express route against
 * the same route on a server built here (expressjs/express#5998). Built with Express's prototypes
 * from the start, the call finds the prototype already in place and changes nothing.
 *
 * Only the app's own prototypes qualify: a sub-app mounted inside would still move them, so
 * the app mounts routers, never apps. app.listen() keeps working; it is only slower.
 */
export function createHttpServer(app: Express): Server {
  const express = app as unknown as { request: IncomingMessage; response: ServerResponse };
  // Subclasses, so V8 sizes their objects from Node's constructors, as it does for Node's own
  // (a plain function as constructor left every field out of line: slower than before). Each
  // prototype is put between the instances and Express's, then becomes the app's.
  class Request extends IncomingMessage {}
  class Response extends ServerResponse {}
  Object.setPrototypeOf(Request.prototype, express.request);
  Object.setPrototypeOf(Response.prototype, express.response);
  express.request = Request.prototype;
  express.response = Response.prototype;
  return createServer({ IncomingMessage: Request, ServerResponse: Response }, app);
}
