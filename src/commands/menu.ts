import type { Command } from 'commander';
import { isInteractive, terminalPrompts, type Prompts } from '../ui/prompts.js';

/**
 * `l7lab` with no arguments: in a terminal, a small menu of what l7lab can do;
 * without one (a pipe, CI), the help text, so scripts are never stuck on a prompt.
 */
export type MenuChoice = 'learn' | 'ports' | 'practice' | 'serve' | 'quit';

export async function runMenu(program: Command, prompts: Prompts = terminalPrompts()): Promise<void> {
  if (!isInteractive()) {
    process.stdout.write(program.helpInformation());
    return;
  }
  const choice = await prompts.select<MenuChoice>('What would you like to do?', [
    { name: 'Take a lesson (SMTP, POP3, IMAP, step by step)', value: 'learn' },
    { name: 'See which processes listen on which ports', value: 'ports' },
    { name: 'Practise raw protocol commands', value: 'practice' },
    { name: 'Run the mock mail servers (capture, never relay)', value: 'serve' },
    { name: 'Quit', value: 'quit' },
  ]);
  switch (choice) {
    case 'learn': {
      const { runLearn } = await import('./learn.js');
      return runLearn(undefined, {});
    }
    case 'ports': {
      const { runPorts } = await import('./ports.js');
      return runPorts({ backend: 'auto' });
    }
    case 'practice': {
      const protocol = await prompts.select('Which protocol?', [
        { name: 'SMTP (sending mail)', value: 'smtp' },
        { name: 'POP3 (downloading mail)', value: 'pop3' },
        { name: 'IMAP (mail kept on the server)', value: 'imap' },
      ]);
      const { runPractice } = await import('./practice.js');
      return runPractice(protocol, {});
    }
    case 'serve': {
      const { runServe } = await import('./serve.js');
      return runServe({ host: '127.0.0.1', smtpPort: 2525, pop3Port: 2110, imapPort: 2143, auth: 'optional' });
    }
    case 'quit':
      return;
  }
}
