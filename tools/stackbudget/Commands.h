//===- Commands.h - Subcommands of the stackbudget tool -------------------===//

#ifndef STACKBUDGET_TOOLS_COMMANDS_H
#define STACKBUDGET_TOOLS_COMMANDS_H

namespace stackbudget {

bool isFactsCommand();
int runFactsCommand();
bool isCheckCommand();
int runCheckCommand();
bool isIndirectCommand();
int runIndirectCommand();
bool isRankCommand();
int runRankCommand();
bool isSarifCommand();
int runSarifCommand();
bool isDotCommand();
int runDotCommand();
bool isDiffCommand();
int runDiffCommand();

} // namespace stackbudget

#endif // STACKBUDGET_TOOLS_COMMANDS_H
