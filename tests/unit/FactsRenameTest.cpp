//===- FactsRenameTest.cpp ------------------------------------------------===//

#include "stackbudget/FactsRename.h"

#include "gtest/gtest.h"

using namespace stackbudget;

TEST(FactsRename, EverySymbolGetsThePrefixAndNothingElse) {
  ObjectFacts O;
  ModuleFacts M;
  M.TU = "lib/fdt.c";
  M.AddressTakenDecls.push_back({"ext", 1, 2u});
  M.Aliases.push_back({"alias", "target", Linkage::Global});
  FieldFacts FF;
  FF.Stores.push_back({ValueSlot::field({"ops", 8, "read"}), "reader"});
  FF.Stores.push_back({ValueSlot::global("table"), "writer"});
  FF.Flows.push_back({ValueSlot::param("reg", 1), ValueSlot::callArg(7, 0), {}});
  FF.Escapes.push_back({ValueSlot::local("fn", 0, "lib/fdt.c"), "why", {}, false});
  FF.Globals.push_back(ValueSlot::global("table"));
  FF.FreeFunctions.push_back("free_fn");
  M.Fields = FF;
  M.StaticCalls.push_back({"__SCK__x", {"impl"}, "", {}, std::nullopt, 0});
  M.Conversions.emplace();
  M.Conversions->push_back({"conv", 1u, std::nullopt, {}});
  M.Conversions->push_back({"", 1u, 2u, {}});
  O.Modules.push_back(M);
  FunctionFacts F;
  F.Name = "parse";
  F.TU = "lib/fdt.c";
  CallFact Direct;
  Direct.Kind = CallKind::Direct;
  Direct.Callee = "memcpy";
  Direct.editDetails().CalleeTU = "lib/fdt.c";
  CallFact Indirect;
  Indirect.Kind = CallKind::Indirect;
  Indirect.editDetails().Via = "__x86_indirect_thunk_rax";
  Indirect.editDetails().Field = FieldRef{"ops", 8, "read"};
  Indirect.editDetails().CalleeSlot = ValueSlot::param("parse", 0);
  F.Calls = {Direct, Indirect};
  O.Functions.push_back(F);

  prefixSymbols(O, "__pi_");

  const ModuleFacts &R = O.Modules[0];
  EXPECT_EQ(R.TU, "lib/fdt.c");
  EXPECT_EQ(R.AddressTakenDecls[0].Name, "__pi_ext");
  EXPECT_EQ(R.Aliases[0].Name, "__pi_alias");
  EXPECT_EQ(R.Aliases[0].Aliasee, "__pi_target");
  EXPECT_EQ(R.Fields->Stores[0].Slot.Field.Record, "ops");
  EXPECT_TRUE(R.Fields->Stores[0].Slot.Symbol.empty());
  EXPECT_EQ(R.Fields->Stores[0].Function, "__pi_reader");
  EXPECT_EQ(R.Fields->Stores[1].Slot.Symbol, "__pi_table");
  EXPECT_EQ(R.Fields->Flows[0].From.Symbol, "__pi_reg");
  // A CallArg slot names a C type id, not a symbol.
  EXPECT_EQ(R.Fields->Flows[0].To.callArgType(), 7u);
  EXPECT_EQ(R.Fields->Escapes[0].Slot.Symbol, "__pi_fn");
  EXPECT_EQ(R.Fields->Escapes[0].Slot.TU, "lib/fdt.c");
  EXPECT_EQ(R.Fields->Globals[0].Symbol, "__pi_table");
  EXPECT_EQ(R.Fields->FreeFunctions[0], "__pi_free_fn");
  EXPECT_EQ(R.StaticCalls[0].Key, "__pi___SCK__x");
  EXPECT_EQ(R.StaticCalls[0].Targets[0], "__pi_impl");
  EXPECT_EQ((*R.Conversions)[0].Function, "__pi_conv");
  // A conversion of every value of a type names no function.
  EXPECT_TRUE((*R.Conversions)[1].Function.empty());

  const FunctionFacts &G = O.Functions[0];
  EXPECT_EQ(G.Name, "__pi_parse");
  EXPECT_EQ(G.TU, "lib/fdt.c");
  EXPECT_EQ(G.Calls[0].Callee, "__pi_memcpy");
  EXPECT_EQ(G.Calls[0].details().CalleeTU, "lib/fdt.c");
  EXPECT_TRUE(G.Calls[1].Callee.empty());
  EXPECT_EQ(G.Calls[1].details().Via, "__pi___x86_indirect_thunk_rax");
  EXPECT_EQ(G.Calls[1].details().Field->Record, "ops");
  EXPECT_EQ(G.Calls[1].details().CalleeSlot->Symbol, "__pi_parse");
}
