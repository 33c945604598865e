extern "C" __attribute__((visibility("default"))) const char *hs_absent_dep_name() { return "broken"; }
