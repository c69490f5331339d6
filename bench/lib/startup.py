#!/usr/bin/env python3
"""Start-up time and memory of a server process, for bench/serve.sh.

Starts COMMAND, polls GET http://127.0.0.1:PORT/PATH every millisecond until it answers 200 and
reports the time from process start to that first 200, the CPU time (user + system) the process had
used by then (all threads, JIT compilers included), and its resident set size (VmRSS) then and
again after SETTLE seconds. The CPU time is the steadier figure on a busy machine: time spent
waiting for a shared core does not count in it. Stops the process with SIGTERM (then SIGKILL)
before returning. Prints one JSON object per run.
"""
import argparse, http.client, json, os, signal, subprocess, sys, time

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1

def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")  # utime + stime

def first_200(port, path, deadline, proc):
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode} before answering 200")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.001)
    raise SystemExit(f"no 200 from {path} within the time limit")

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--log", default=os.devnull)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    for run in range(args.runs):
        with open(args.log, "ab") as log:
            start = time.monotonic()
            proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
            try:
                first_200(args.port, args.path, start + args.timeout, proc)
                elapsed_ms = (time.monotonic() - start) * 1000
                cpu_start = cpu_ms(proc.pid)
                rss_start = rss_kib(proc.pid)
                time.sleep(args.settle)
                rss_settled = rss_kib(proc.pid)
            finally:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        print(json.dumps({"run": run, "first_200_ms": round(elapsed_ms, 1), "cpu_ms_at_first_200": round(cpu_start),
                          "rss_kib_at_first_200": rss_start, "rss_kib_settled": rss_settled}))
        sys.stdout.flush()

if __name__ == "__main__":
    main()
