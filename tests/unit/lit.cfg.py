# Runs the GoogleTest binaries of tests/unit as lit tests, one per TEST().
import lit.formats
config.name = "stackbudget-unit"
config.test_format = lit.formats.GoogleTest(".", "unittests")
config.test_source_root = config.unittest_dir
config.test_exec_root = config.unittest_dir
