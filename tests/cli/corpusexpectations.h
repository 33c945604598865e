#pragma once

// What tst_infocorpus expects of the shared corpus (/work/shared/corpus, see
// its README.md and MANIFEST.tsv): which expected outputs are whole-file dumps
// to compare with, the known and explained differences, and the files that
// fail or carry problems, with what they must say. Paths are relative to the
// corpus folder.

namespace hs::tests::corpus {

// --- Which .ddl files describe the whole file ------------------------------
//
// The `expected_command` column of MANIFEST.tsv says how each .ddl was made.
// Compared: plain `h5dump [--enable-error-stack] [-p] [-H] [-B] [-R] [-w157]
// [--sort_by=name --sort_order=ascending] FILE`, which print every object.
struct DdlComparison
{
    const char *file;
    const char *ddl;
};
inline constexpr DdlComparison kDdlComparisons[] = {
    {"hdf5/h5dump/charsets.h5", "hdf5/h5dump/charsets.ddl"},
    // exits 1 because it cannot read an attribute's dataspace; the object
    // structure it printed ("/" alone) is complete, and info reads no attributes.
    {"hdf5/h5dump/err_attr_dspace.h5", "hdf5/h5dump/err_attr_dspace.ddl"},
    {"hdf5/h5dump/file_space.h5", "hdf5/h5dump/file_space.ddl"},
    // exits 1 because the data cannot be filtered; the structure is complete.
    {"hdf5/h5dump/filter_fail.h5", "hdf5/h5dump/filter_fail.ddl"},
    {"hdf5/h5dump/packedbits.h5", "hdf5/h5dump/packedbits.ddl"},
    {"hdf5/h5dump/tall.h5", "hdf5/h5dump/tall-1.ddl"},
    {"hdf5/h5dump/tarray1.h5", "hdf5/h5dump/tarray1.ddl"},
    {"hdf5/h5dump/tarray4.h5", "hdf5/h5dump/tarray4.ddl"},
    {"hdf5/h5dump/tarray5.h5", "hdf5/h5dump/tarray5.ddl"},
    {"hdf5/h5dump/tarray7.h5", "hdf5/h5dump/tarray7.ddl"},
    {"hdf5/h5dump/tattr2.h5", "hdf5/h5dump/treference.ddl"},
    {"hdf5/h5dump/tattr4_be.h5", "hdf5/h5dump/tattr-4_be.ddl"},
    {"hdf5/h5dump/tattrreg.h5", "hdf5/h5dump/tattrreg.ddl"},
    {"hdf5/h5dump/tbitnopaque.h5", "hdf5/h5dump/tbitnopaque_le.ddl"},
    {"hdf5/h5dump/tcmpdintarray.h5", "hdf5/h5dump/tcmpdintarray.ddl"},
    {"hdf5/h5dump/tcompound.h5", "hdf5/h5dump/tcomp-1.ddl"},
    {"hdf5/h5dump/tcompound_complex2.h5", "hdf5/h5dump/tcompound_complex2.ddl"},
    {"hdf5/h5dump/tdatareg.h5", "hdf5/h5dump/tdatareg.ddl"},
    {"hdf5/h5dump/tdset.h5", "hdf5/h5dump/tdset-1.ddl"},
    {"hdf5/h5dump/tempty.h5", "hdf5/h5dump/tempty.ddl"},
    {"hdf5/h5dump/textlink.h5", "hdf5/h5dump/textlink.ddl"},
    {"hdf5/h5dump/textlinksrc.h5", "hdf5/h5dump/textlinksrc.ddl"},
    {"hdf5/h5dump/tfloat16.h5", "hdf5/h5dump/tfloat16.ddl"},
    {"hdf5/h5dump/tfloat16_be.h5", "hdf5/h5dump/tfloat16_be.ddl"},
    {"hdf5/h5dump/tfvalues.h5", "hdf5/h5dump/tfill.ddl"},
    {"hdf5/h5dump/tgrp_comments.h5", "hdf5/h5dump/tgrp_comments.ddl"},
    {"hdf5/h5dump/tgrpnullspace.h5", "hdf5/h5dump/tgrpnullspace.ddl"},
    {"hdf5/h5dump/thlink.h5", "hdf5/h5dump/thlink-1.ddl"},
    {"hdf5/h5dump/tlarge_objname.h5", "hdf5/h5dump/tlarge_objname.ddl"},
    {"hdf5/h5dump/tldouble.h5", "hdf5/h5dump/tldouble.ddl"},
    {"hdf5/h5dump/tlonglinks.h5", "hdf5/h5dump/tlonglinks.ddl"},
    {"hdf5/h5dump/tloop.h5", "hdf5/h5dump/tloop-1.ddl"},
    {"hdf5/h5dump/tnamed_dtype_attr.h5", "hdf5/h5dump/tnamed_dtype_attr.ddl"},
    {"hdf5/h5dump/tnestedcomp.h5", "hdf5/h5dump/tnestcomp-1.ddl"},
    {"hdf5/h5dump/tnullspace.h5", "hdf5/h5dump/tnullspace.ddl"},
    {"hdf5/h5dump/torderattr.h5", "hdf5/h5dump/torderattr1.ddl"},
    {"hdf5/h5dump/trefer_attr.h5", "hdf5/h5dump/trefer_attrR.ddl"},
    {"hdf5/h5dump/trefer_compat.h5", "hdf5/h5dump/trefer_compatR.ddl"},
    {"hdf5/h5dump/trefer_ext2.h5", "hdf5/h5dump/trefer_extR.ddl"},
    {"hdf5/h5dump/trefer_obj.h5", "hdf5/h5dump/trefer_objR.ddl"},
    {"hdf5/h5dump/trefer_obj_del.h5", "hdf5/h5dump/trefer_obj_delR.ddl"},
    {"hdf5/h5dump/trefer_reg.h5", "hdf5/h5dump/trefer_regR.ddl"},
    {"hdf5/h5dump/tsaf.h5", "hdf5/h5dump/tsaf.ddl"},
    {"hdf5/h5dump/tscalarintsize.h5", "hdf5/h5dump/tscalarintsize.ddl"},
    {"hdf5/h5dump/tslink.h5", "hdf5/h5dump/tslink-1.ddl"},
    {"hdf5/h5dump/tstr.h5", "hdf5/h5dump/tstr-1.ddl"},
    {"hdf5/h5dump/tstr2.h5", "hdf5/h5dump/tstr-2.ddl"},
    {"hdf5/h5dump/tudfilter.h5", "hdf5/h5dump/tudfilter.ddl"},
    {"hdf5/h5dump/tudlink.h5", "hdf5/h5dump/tudlink-1.ddl"},
    {"hdf5/h5dump/tvldtypes2.h5", "hdf5/h5dump/tvldtypes2.ddl"},
    {"hdf5/h5dump/tvldtypes4.h5", "hdf5/h5dump/tvldtypes4.ddl"},
    {"hdf5/h5dump/tvlenstr_array.h5", "hdf5/h5dump/tvlenstr_array.ddl"},
    {"hdf5/h5dump/tvlstr.h5", "hdf5/h5dump/tvlstr.ddl"},
    {"hdf5/h5dump/tvms.h5", "hdf5/h5dump/tvms.ddl"},
    {"hdf5/h5dump/zerodim.h5", "hdf5/h5dump/zerodim.ddl"},
    {"hdf5/h5dump/vds/1_vds.h5", "hdf5/h5dump/vds/tvds-1.ddl"},
    {"hdf5/h5dump/vds/vds-eiger.h5", "hdf5/h5dump/vds/vds_layout-eiger.ddl"},
    // Dumped with the filter plugin loaded; info reads no data, so a missing
    // plugin changes nothing here.
    {"hdf5_plugins/h5ex_d_bitgroom.h5", "hdf5_plugins/h5ex_d_bitgroom.ddl"},
    {"hdf5_plugins/h5ex_d_blosc.h5", "hdf5_plugins/h5ex_d_blosc.ddl"},
    {"hdf5_plugins/h5ex_d_blosc2.h5", "hdf5_plugins/h5ex_d_blosc2.ddl"},
    {"hdf5_plugins/h5ex_d_bshuf.h5", "hdf5_plugins/h5ex_d_bshuf.ddl"},
    {"hdf5_plugins/h5ex_d_bzip2.h5", "hdf5_plugins/h5ex_d_bzip2.ddl"},
    {"hdf5_plugins/h5ex_d_granularbr.h5", "hdf5_plugins/h5ex_d_granularbr.ddl"},
    {"hdf5_plugins/h5ex_d_lz4.h5", "hdf5_plugins/h5ex_d_lz4.ddl"},
    {"hdf5_plugins/h5ex_d_lzf.h5", "hdf5_plugins/h5ex_d_lzf.ddl"},
    {"hdf5_plugins/h5ex_d_mafisc.h5", "hdf5_plugins/h5ex_d_mafisc.ddl"},
    {"hdf5_plugins/h5ex_d_sz.h5", "hdf5_plugins/h5ex_d_sz.ddl"},
    {"hdf5_plugins/h5ex_d_zfp.h5", "hdf5_plugins/h5ex_d_zfp.ddl"},
};

// .ddl files in MANIFEST.tsv that are not a whole-file dump, and why. The test
// fails on a .ddl that is in neither list, so a new corpus file gets decided.
struct NotCompared
{
    const char *ddl;
    const char *why;
};
inline constexpr NotCompared kDdlNotCompared[] = {
    {"hdf5/h5dump/infinite_loop.ddl", "h5dump must fail on this file: the expected output is empty"},
    {"hdf5/h5dump/tbigdims.ddl", "-d dset4gb: one dataset only"},
    {"hdf5/h5dump/tcompact.ddl", "-d compact: one dataset only"},
    {"hdf5/h5dump/tordergr1.ddl", "--group=1: one group only"},
    {"hdf5/h5dump/tsplit_file.ddl", "--filedriver=split: needs the split driver and both member files"},
    {"hdf5/h5dump/tst_onion_dset_1d.ddl", "--vfd-name onion: HDF5 1.14+ onion driver"},
    {"hdf5/h5stat/h5stat_err_old_fill.ddl", "h5stat output, not h5dump"},
    {"hdf5/h5stat/h5stat_err_old_layout.ddl", "h5stat output, not h5dump"},
    {"hdf5/h5stat/h5stat_tsohm.ddl", "h5stat output, not h5dump"},
};

// --- Known differences from the expected h5dump output ----------------------
//
// The .ddl files were made by HDF5 develop (1.15/2.0); this library is 1.10.8.
// Each entry: file, object path ("*" = every object of the file), why.
struct TypeException
{
    const char *file;
    const char *path;
    const char *why;
};
// None needed today. What differs between HDF5 1.10.8 and the develop h5dump
// that made the .ddl is handled, not excused:
//  - IEEE half floats: 1.10 has no predefined float16, info names it
//    H5T_IEEE_F16LE/BE as h5dump 1.14.4+ does (tfloat16.ddl, tfloat16_be.ddl);
//  - 1.12+ references: 1.10 decodes their datatype but has no name for it,
//    info prints H5T_REFERENCE { H5T_STD_REF } as h5dump 1.12+ does (trefer_*R.ddl);
//  - H5T_COMPLEX (HDF5 2.0) cannot be decoded by 1.10 at all: those datasets
//    carry a "problem" instead of a type; hdfview/tcomplex*.h5 have no .ddl.
// Add an entry only with the reason it cannot be fixed.
inline constexpr TypeException kTypeExceptions[] = {
    {nullptr, nullptr, nullptr},
};

// Differences from the local h5dump of the same HDF5 release, by what each says.
struct LocalException
{
    const char *h5dumpSays;
    const char *infoSays;
    const char *why;
};
inline constexpr LocalException kLocalExceptions[] = {
    {"H5T_REFERENCE { UNDEFINED }", "H5T_REFERENCE { H5T_STD_REF }",
     "h5dump 1.10 has no name for HDF5 1.12+ references; info uses the one h5dump 1.12+ prints"},
    {"16-bit little-endian floating-point 16-bit precision", "H5T_IEEE_F16LE",
     "IEEE half precision: predefined (and so named by h5dump) from HDF5 1.14.4; tfloat16.ddl says H5T_IEEE_F16LE"},
    {"16-bit big-endian floating-point 16-bit precision", "H5T_IEEE_F16BE",
     "IEEE half precision: predefined from HDF5 1.14.4; tfloat16_be.ddl says H5T_IEEE_F16BE"},
};

// --- Files that do not succeed, and what they must say ----------------------
enum class Outcome {
    Fails,          // exit 1, one-line error on stderr containing `says`
    SucceedsWithProblem, // exit 0, and some object's link.problem contains `says`
};
struct ExpectedOutcome
{
    const char *file;
    Outcome outcome;
    const char *says;
    const char *why;
};
inline constexpr ExpectedOutcome kOutcomes[] = {
    // Not HDF5 files at all, or not on their own.
    {"hdf5-json/notahdf5file.h5", Outcome::Fails, "not an HDF5 file", "a text file"},
    {"hdf5/h5repack/h5repack_ext.bin", Outcome::Fails, "not an HDF5 file", "external raw data of h5repack_ext.h5"},
    {"hdf5/h5dump/tst_onion_dset_1d.h5.onion", Outcome::Fails, "not an HDF5 file", "onion VFD history file"},
    {"hdf5/h5dump/tsplit_file-r.h5", Outcome::Fails, "not an HDF5 file", "raw-data half of a split file"},
    {"hdf5/test/multi_file_v16-r.h5", Outcome::Fails, "not an HDF5 file", "raw-data member of a multi file"},
    {"hdf5/h5dump/tsplit_file-m.h5", Outcome::Fails, "multi-file HDF5 set", "metadata half of a split file"},
    {"hdf5/test/multi_file_v16-s.h5", Outcome::Fails, "multi-file HDF5 set", "superblock member of a multi file"},
    // Damaged beyond reading the root group.
    {"hdf5/h5dump/3790_infinite_loop.h5", Outcome::Fails, "damaged", "metadata beyond the end of the file (GH-3790)"},
    {"hdf5/test/cve_2020_10810.h5", Outcome::Fails, "damaged", "fuzzed free-space info message"},
    {"hdf5/test/bad_offset.h5", Outcome::Fails, "damaged", "bad local-heap offset in the root symbol table"},
    {"hdf5/test/corrupt_stab_msg.h5", Outcome::Fails, "damaged", "corrupt root symbol-table message"},
    {"hdfview/bug1523_testfile02_corrupt.h5", Outcome::Fails, "damaged", "root heap beyond the end of the file"},
    // Never closed by its writer: HDF5 refuses it, the SWMR-read retry opens
    // it, and its root object header was never written.
    {"hdf5/misc/h5clear_status_noclose.h5", Outcome::Fails, "still open for writing", "status flags set"},

    // Readable, with objects that are not.
    {"hdfview/tcomplex.h5", Outcome::SucceedsWithProblem, "newer HDF5 version", "H5T_COMPLEX (HDF5 2.0)"},
    {"hdfview/tcomplex_be.h5", Outcome::SucceedsWithProblem, "newer HDF5 version", "H5T_COMPLEX (HDF5 2.0)"},
    {"hdf5/test/tbogus.h5", Outcome::SucceedsWithProblem, "newer HDF5 version",
     "an unknown message marked fail-if-unknown"},
    {"hdf5/test/bad_compound.h5", Outcome::SucceedsWithProblem, "damaged", "committed compound with 0 members"},
    {"hdf5/h5dump/tCVE_2018_11206_fill_old.h5", Outcome::SucceedsWithProblem, "damaged", "fill size exceeds buffer"},
    {"hdf5/h5stat/h5stat_err_old_fill.h5", Outcome::SucceedsWithProblem, "damaged", "fill size exceeds buffer"},
    {"hdf5/h5stat/h5stat_err_old_layout.h5", Outcome::SucceedsWithProblem, "damaged", "layout rank out of range"},
    {"hdf5/h5repack/h5repack_CVE-2018-17432.h5", Outcome::SucceedsWithProblem, "damaged",
     "invalid rank for a scalar dataspace"},
    {"hdf5/h5dump/filter_fail.h5", Outcome::SucceedsWithProblem, "whose plugin is not installed",
     "a test filter (312) never installed"},
    // Links that do not resolve.
    {"hdf5/h5dump/tall.h5", Outcome::SucceedsWithProblem, "\u201csomefile\u201d, does not exist",
     "external link into a file that is absent"},
    // ext_link4 -> textlinktar.h5:group/elink_t2 -> textlinksrc.h5:/ext_link4 is a loop, and h5dump
    // 1.15 says so. Following it reopens this file through an external link, which works because
    // H5File opens files with the default close degree, as HDF5 opens external-link targets.
    {"hdf5/h5dump/textlinksrc.h5", Outcome::SucceedsWithProblem,
     "The links form a loop: following them leads back where they started",
     "an external-link loop back into this file"},
    {"hdf5/h5dump/tslink.h5", Outcome::SucceedsWithProblem, "does not exist (dangling link)", "dangling soft link"},
    {"hdf5/h5dump/tudlink.h5", Outcome::SucceedsWithProblem, "user-defined", "user-defined link class 187"},
};

} // namespace hs::tests::corpus
