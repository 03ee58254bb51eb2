// Copies the built language server jar into the extension (server/), or stops with what to run.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const jar = fileURLToPath(new URL('../../org.ocs.topology.ide/target/ocstopo-language-server.jar', import.meta.url));
if (!existsSync(jar)) {
  console.error(`${jar} is not built: run ./mvnw -B -DskipTests package first (in the repository root)`);
  process.exit(1);
}
const serverDir = fileURLToPath(new URL('../server/', import.meta.url));
mkdirSync(serverDir, { recursive: true });
copyFileSync(jar, `${serverDir}ocstopo-language-server.jar`);
