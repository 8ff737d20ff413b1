#pragma once
// What both server binaries (ndxp-gateway, ndxp-connector) do around their server: logs to
// standard error (standard output is the access log), library logs routed through spdlog, SIGPIPE
// ignored (a closed standard output fails writes with EPIPE, which the access log counts, instead
// of killing the process), and SIGTERM/SIGINT taken by the main thread to drain.

#include <signal.h>

#include <string>
#include <string_view>

namespace ndxp::server {

// Call first in main, before any thread starts (so that every thread inherits the signal mask).
// Returns the termination signals, blocked, for WaitForTermination.
sigset_t PrepareProcess(const std::string& logger_name, std::string_view log_level);

// Blocks until SIGTERM or SIGINT; returns its name.
std::string_view WaitForTermination(const sigset_t& signals);

// `address` (HOST:PORT as configured) with the port actually bound (they differ for port 0).
std::string WithPort(const std::string& address, int port);

}  // namespace ndxp::server
