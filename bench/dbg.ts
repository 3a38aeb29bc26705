import { startSandbox } from '../sandbox/start-sandbox.ts';
import { freePort, startRealBot } from '../test/support/child-bot.ts';
import { startTestPostgres } from '../test/support/postgres.ts';
const sandbox = await startSandbox();
const pg = await startTestPostgres();
const url = await pg.database();
const bot = await startRealBot({
  sandboxApiUrl: sandbox.apiUrl,
  botToken: sandbox.state.bot.token,
  wholesaleToken: sandbox.state.personByKey('alice').token,
  port: await freePort(),
  dataFile: '/tmp/x.json',
  extraEnv: { DATABASE_URL: url, LOG_LEVEL: 'debug' },
});
await new Promise((r) => setTimeout(r, Number(process.env.WAIT ?? 2000)));
const t = Date.now();
const timer = setTimeout(() => {
  console.log('not exited after 10 s; stdout tail:', bot.stdout.slice(-5).join('\n'));
  bot.child.kill('SIGKILL');
}, 10000);
await bot.kill('SIGTERM');
clearTimeout(timer);
console.log('exit after', Date.now() - t);
await sandbox.close();
await pg.stop();
