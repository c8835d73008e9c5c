// Loaded with `node --import`: the process dies (SIGKILL, as in a crash or power loss) at the worst
// moment of writing an output. GROUNDING_TEST_CRASH=mid-write: after half of a file's text is on
// disk; =before-rename: after the text is whole, before it takes the output's name.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const when = process.env.GROUNDING_TEST_CRASH;
const die = () => process.kill(process.pid, 'SIGKILL');

if (when === 'mid-write') {
  fs.promises.writeFile = async (path, text) => {
    fs.writeFileSync(path, String(text).slice(0, Math.floor(String(text).length / 2)));
    die();
    await new Promise(() => {});
  };
  const { write } = fs.WriteStream.prototype;
  let written = 0;
  fs.WriteStream.prototype.write = function (chunk, ...rest) {
    written += chunk.length;
    if (written > 20_000) die();
    return write.call(this, chunk, ...rest);
  };
}
if (when === 'before-rename') {
  fs.promises.rename = async () => {
    die();
    await new Promise(() => {});
  };
}
syncBuiltinESMExports();
