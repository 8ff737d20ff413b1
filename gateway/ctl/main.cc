// ndxpctl: see gateway/ctl/ctl_app.h.
#include "gateway/ctl/ctl_app.h"

int main(int argc, char** argv) { return ndxp::ctl::RunCtl(argc, argv); }
