#pragma once
// ndxpctl: the operator's tool. Parses the command line and runs the chosen command.

namespace ndxp::ctl {

// Exit codes: 0 success, 1 a check failed (see commands.h), 2 usage error.
int RunCtl(int argc, char** argv);

}  // namespace ndxp::ctl
