// `node --import ./test/node/typescript5.mjs …`: lets openapi-typescript, which needs TypeScript 5's
// compiler API (a peer dependency), import it under the `typescript5` alias (package.json) while
// the project itself compiles with TypeScript 7, which has no such API.
import { registerHooks } from 'node:module'

registerHooks({
  resolve: (specifier, context, next) => next(specifier === 'typescript' ? 'typescript5' : specifier, context),
})
