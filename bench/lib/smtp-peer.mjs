// The SMTP peer of the benchmarks: nodemailer's smtp-server on 127.0.0.1 (port 0), with no
// STARTTLS, no logging and no reverse lookup (no PTR query may leave the machine; its default
// lookup would also delay each greeting). `onData(stream, callback)` decides what becomes of
// each message: bench/smtp.bench.mjs drains it, bench/smtp-serve.bench.mjs keeps it.
const HOST = '127.0.0.1';

export async function startSmtpServerPeer(onData) {
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: 10 * 1024 * 1024,
    logger: false,
    disableReverseLookup: true,
    onData: (stream, _session, callback) => onData(stream, callback),
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  return server.server.address().port;
}

/**
 * The peer's child process once `launching` resolves, or null and why not: a bench still prints
 * its own rows, marked, when smtp-server cannot start.
 */
export async function peerOrNote(launching) {
  try {
    return { peer: await launching, peerNote: '' };
  } catch (err) {
    return { peer: null, peerNote: `smtp-server unavailable: ${err instanceof Error ? err.message : err}` };
  }
}

/** Both servers warmed up (JIT, socket paths) with 100 messages before anything is counted. */
export async function warmUp(load, ...servers) {
  for (const s of servers) if (s) await load(s.port, 4, 100, true);
}
