// install / uninstall / doctor: placeholder until the installer lands.
#include "native-host/command_line.hpp"

namespace joblens::host {

int install_command(const CommandLine&) { return fail(make_error(ErrorCode::usage, "install: not yet")); }
int uninstall_command(const CommandLine&) { return fail(make_error(ErrorCode::usage, "uninstall: not yet")); }
int doctor_command(const CommandLine&) { return fail(make_error(ErrorCode::usage, "doctor: not yet")); }

}  // namespace joblens::host
