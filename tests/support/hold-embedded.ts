// Opens the embedded database in DATA_DIR (argv[2]), writes a row, says "ready" and stays open:
// the second process of the lock-file test. Run with `node --conditions=react-server --import tsx`.
import { openEmbedded } from '@/db/client';

const handle = await openEmbedded(process.argv[2]);
await handle.prisma.auditLog.create({ data: { action: 'test.hold', targetType: 'test' } });
process.stdout.write('ready\n');
setInterval(() => {}, 1000);
