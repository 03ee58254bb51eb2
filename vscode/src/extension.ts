// The ocstopo extension: starts the language server jar (shipped in server/) with a Java 17+ and
// connects VS Code to it over stdio. Everything else (findings, quick fixes, hover) is the server's.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { describeFailure, findJava } from './javaFinder';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('ocstopo', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('ocstopo.restartServer', () => restart(context)),
    vscode.commands.registerCommand('ocstopo.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('ocstopo.server')) {
        void restart(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('ocstopo');
  const search = await findJava({ setting: config.get<string>('server.java'), env: process.env });
  output.appendLine(`VS Code ${vscode.version}${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''}`);
  for (const attempt of search.attempts) {
    output.appendLine(`Java: ${attempt.source}${attempt.executable ? ` ${attempt.executable}` : ''}${attempt.problem ? ` - ${attempt.problem}` : ' - used'}`);
  }
  if (!search.found) {
    const message = describeFailure(search);
    output.appendLine(message);
    const openSetting = 'Open setting ocstopo.server.java';
    void vscode.window.showErrorMessage(message, openSetting, 'Show output').then((choice) => {
      if (choice === openSetting) {
        // A machine setting: in a remote window (code-server, SSH, WSL) it lives in the Remote tab,
        // which the User tab does not show.
        if (vscode.env.remoteName) {
          void vscode.commands.executeCommand('workbench.action.openRemoteSettings', { query: 'ocstopo.server.java' });
        } else {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'ocstopo.server.java');
        }
      } else if (choice) {
        output.show(true);
      }
    });
    return;
  }
  const jar = context.asAbsolutePath(path.join('server', 'ocstopo-language-server.jar'));
  const vmargs = config.get<string[]>('server.vmargs') ?? [];
  output.appendLine(`Starting ${search.found.executable} (Java ${search.found.version.text}) ${[...vmargs, '-jar', jar].join(' ')}`);
  // No transport: the client then speaks over the process's stdin/stdout without adding --stdio.
  const serverOptions: ServerOptions = { command: search.found.executable, args: [...vmargs, '-jar', jar] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'ocstopo', scheme: 'file' }],
    // Names resolve across the files of a folder: tell the server when another file changes on disk.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.ocstopo') },
    outputChannel: output,
  };
  // The id "ocstopo" makes the client read the ocstopo.trace.server setting.
  client = new LanguageClient('ocstopo', 'ocstopo', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`The language server did not start: ${(error as Error).message}`);
    void vscode.window.showErrorMessage(`The ocstopo language server did not start: ${(error as Error).message}`, 'Show output')
      .then((choice) => choice && output.show(true));
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      output.appendLine(`Stopping the language server: ${(error as Error).message}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine('Restarting the language server');
  await stop();
  await start(context);
}
