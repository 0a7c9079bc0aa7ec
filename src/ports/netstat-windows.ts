import { dualStackUntold, familyOf, normaliseHost, splitColon } from './address.js';
import { listening, type ListeningSocket, type Transport } from './types.js';

/**
 * Parser for Windows `netstat -ano`:
 *
 *   Proto  Local Address          Foreign Address        State           PID
 *   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1024
 *   TCP    [::1]:2110             [::]:0                 LISTENING       5120
 *   UDP    0.0.0.0:5353           *:*                                    2200
 *
 * UDP rows have no State. The State word is translated on non-English Windows (ABHÖREN,
 * ÉCOUTE...), so a TCP listener is recognised by its peer port 0 instead, and an unbound UDP
 * socket by its `*:*` peer. netstat -ano names no process and no user: those stay null.
 */
function parseRow(line: string): ListeningSocket | null {
  const fields = line.trim().split(/\s+/);
  const proto = fields[0]?.toUpperCase();
  if ((proto !== 'TCP' && proto !== 'UDP') || fields.length < 4) return null;
  const protocol = proto.toLowerCase() as Transport;
  const peer = splitColon(fields[2] as string);
  const listeningPeer = protocol === 'tcp' ? peer?.port === 0 : fields[2] === '*:*';
  if (!listeningPeer) return null;
  const hp = splitColon(fields[1] as string);
  if (!hp || hp.port === null || hp.port === 0) return null;
  const family = familyOf(hp.host);
  const address = normaliseHost(hp.host, family);
  const pid = Number(fields[fields.length - 1]);
  return listening({ protocol, family, address, port: hp.port, dualStack: dualStackUntold(family, address), pid: Number.isInteger(pid) ? pid : null });
}

export function parseNetstatWindows(text: string): ListeningSocket[] {
  return text.split(/\r?\n/).flatMap((line) => parseRow(line) ?? []);
}
