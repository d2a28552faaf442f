import { writeFile } from 'node:fs/promises';
import {
  configuredCatalog,
  connectionStatusMessage,
  errorTraceMessage,
  InputFileError,
  readCatalogFile,
  readConfigFile,
  readStateFile,
  type AirbyteCatalog,
  type AirbyteMessage,
  type ConfiguredAirbyteCatalog,
} from '@mb-airbyte/airbyte-protocol';
import {
  configSecrets,
  connectorSpecification,
  runSource,
  type RunSourceOptions,
  type SecretMasker,
} from '@mb-airbyte/http-source-kit';
import type { CommandRequest } from './cli-args.js';
import { writeText, type CliIo } from './cli-io.js';
import type { ConnectorSource } from './connector-source.js';
import { ObservedWriter } from './observed-writer.js';
import { discardStream } from './discard-stream.js';

export interface CommandContext {
  /** The command's name, for what it tells people on stderr. */
  name: string;
  io: CliIo;
  writer: ObservedWriter;
  /** Knows the config's secrets once it is read, and the run's own (shared with the runner), for masking anything the CLI itself reports. */
  masker: SecretMasker;
  /** Aborts when the run is cancelled (SIGTERM, SIGINT). */
  signal?: AbortSignal;
}

/** Runs the kit's runner for one command; `writer` defaults to the context's stdout writer. */
type Run = (
  options: Omit<RunSourceOptions, 'writer' | 'logLevel'>,
  writer?: RunSourceOptions['writer'],
) => Promise<number>;

/** Reads the command's input files and hands them to the kit's runner; resolves with the exit code. */
export async function executeCommand(
  request: CommandRequest,
  source: ConnectorSource,
  context: CommandContext,
): Promise<number> {
  const { writer } = context;
  const run: Run = (options, out = writer) =>
    runSource(source, {
      ...options,
      writer: out,
      // The run adds what only it learns (derived secrets, session tokens), so a fatal trace the CLI writes masks them.
      masker: context.masker,
      ...(request.debug ? { logLevel: 'debug' as const } : {}),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
  if (request.kind === 'spec') return run({ command: 'spec' });

  const config = await readInput(() => readConfigFile(request.config));
  if (InputFileError.isInstance(config)) {
    // A config file nobody can use is the user's to fix: check reports it as a FAILED status (exit 0).
    if (request.kind === 'check') return write(writer, connectionStatusMessage('FAILED', config.message), 0);
    return write(writer, inputErrorTrace(config), 1);
  }
  context.masker.add(...configSecrets(connectorSpecification(source).connectionSpecification, config));

  if (request.kind === 'check') return run({ command: 'check', config });
  if (request.kind === 'discover') return discover(run, request.writeCatalog, context);

  const state = request.state === undefined ? [] : await readInput(() => readStateFile(request.state ?? ''));
  if (InputFileError.isInstance(state)) return write(writer, inputErrorTrace(state), 1);
  const catalog =
    request.catalog === undefined
      ? await discoverForRead(run, writer)
      : await readInput(() => readCatalogFile(request.catalog ?? ''));
  if (typeof catalog === 'number') return catalog;
  if (InputFileError.isInstance(catalog)) return write(writer, inputErrorTrace(catalog), 1);
  return run({ command: 'read', config, catalog, state });

  /** `discover`, and with --write-catalog also a configured catalog (every stream, full refresh) to edit. */
  async function discover(runDiscover: Run, outFile: string | undefined, { io }: CommandContext): Promise<number> {
    let found: AirbyteCatalog | undefined;
    const stopObserving = writer.observe({
      message: (m) => {
        if (m.type === 'CATALOG') found = m.catalog;
      },
    });
    const exitCode = await runDiscover({ command: 'discover', config }).finally(stopObserving);
    if (outFile === undefined || exitCode !== 0 || found === undefined) return exitCode;
    try {
      await writeFile(outFile, `${JSON.stringify(configuredCatalog(found), null, 2)}\n`);
    } catch (error) {
      await writeText(
        io.stderr,
        `${context.name}: could not write the catalog to ${outFile}: ${(error as Error).message}\n`,
      );
      return 1;
    }
    if (io.stderrIsTTY === true) {
      await writeText(
        io.stderr,
        `Wrote a catalog of ${found.streams.length} streams to ${outFile}: edit it, then read --catalog ${outFile}\n`,
      );
    }
    return 0;
  }

  /** For `read` without --catalog: discover quietly, then read every stream. On failure, shows discover's output. */
  async function discoverForRead(runDiscover: Run, out: ObservedWriter): Promise<ConfiguredAirbyteCatalog | number> {
    const captured: AirbyteMessage[] = [];
    const quiet = new ObservedWriter(discardStream(), { message: (m) => captured.push(m) });
    const exitCode = await runDiscover({ command: 'discover', config }, quiet);
    const catalogMessage = captured.find((m) => m.type === 'CATALOG');
    if (exitCode === 0 && catalogMessage?.type === 'CATALOG') return configuredCatalog(catalogMessage.catalog);
    for (const message of captured) await out.write(message);
    return exitCode === 0 ? 1 : exitCode;
  }
}

async function readInput<T>(read: () => Promise<T>): Promise<T | InputFileError> {
  try {
    return await read();
  } catch (error) {
    if (InputFileError.isInstance(error)) return error;
    throw error;
  }
}

/** An input file nobody can use: a config error (the user or the platform gave it), naming the file and why. */
function inputErrorTrace(error: InputFileError): AirbyteMessage {
  return errorTraceMessage({
    message: error.message,
    internalMessage: `${error.reason}: ${error.file}`,
    failureType: error.failureType,
  });
}

async function write(writer: ObservedWriter, message: AirbyteMessage, exitCode: number): Promise<number> {
  await writer.write(message);
  return exitCode;
}
