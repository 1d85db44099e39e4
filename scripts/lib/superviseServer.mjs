// How `npm start` waits: until Ctrl+C (or SIGTERM/SIGHUP), then stops code-server and ends with status 0. Ctrl+C
// reaches code-server as well (the terminal signals the whole process group), so it may end before this process
// has handled the signal: an exit with status 0 or by SIGINT/SIGTERM/SIGHUP is a requested stop either way, and
// only any other end (a crash) is reported, with status 1.
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** `server`: { child, stop(): Promise<void> } as startCodeServer returns it. `exit` stands in for process.exit. */
export function superviseServer(server, { logFile, exit = (code) => process.exit(code) } = {}) {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.stop().then(() => exit(0));
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  server.child.once('exit', (code, signal) => {
    if (stopping) return;
    stopping = true;
    if (code === 0 || STOP_SIGNALS.includes(signal)) return exit(0);
    console.error(`code-server stopped unexpectedly (${code ?? signal}).${logFile ? ` See ${logFile}.` : ''}`);
    exit(1);
  });
}
