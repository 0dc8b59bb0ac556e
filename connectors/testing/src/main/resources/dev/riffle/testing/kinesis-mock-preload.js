// Loaded with `node --require` before kinesis-mock's main.js, which Riffle does not modify.
'use strict';

// 1. Loopback only. kinesis-mock binds 0.0.0.0, which would expose an unauthenticated Kinesis API to
//    the network; every listener is moved to 127.0.0.1.
const net = require('net');
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length > 0 && args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0])) {
    args[0] = Object.assign({}, args[0], { host: '127.0.0.1' });
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    if (typeof args[1] === 'string') {
      args[1] = '127.0.0.1';
    } else {
      args.splice(1, 0, '127.0.0.1');
    }
  }
  return originalListen.apply(this, args);
};

// 2. No orphans. The JVM that starts an attached kinesis-mock keeps a pipe open on our stdin; when that
//    JVM goes away (even killed with SIGKILL) the pipe reaches end-of-file and we exit. The exit is a
//    SIGKILL to ourselves: kinesis-mock's runtime (cats-effect) can keep process.exit() from returning
//    once it has served requests, and with no parent left there is nobody to wait for.
if (process.env.RIFFLE_PARENT_WATCHDOG === '1') {
  const stop = () => {
    process.stderr.write('riffle: parent process ended; stopping kinesis-mock\n');
    process.kill(process.pid, 'SIGKILL');
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
