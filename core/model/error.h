#pragma once

#include "hyperslabcore_export.h"

#include <QMetaType>
#include <QString>

#include <utility>
#include <variant>

namespace hs::core {

// What went wrong, in categories the UI can act on (e.g. offer "open read-only").
enum class ErrorCode {
    None,
    NotFound,          // file or object does not exist
    PermissionDenied,  // the OS refused access
    NotHdf5,           // no HDF5 signature
    Truncated,         // file shorter than its metadata says
    Corrupt,           // metadata that cannot be decoded
    Locked,            // another process holds a lock on the file
    StillOpenForWrite, // superblock status flags say a writer never closed it
    MissingFilter,     // a filter plugin is not available
    Unsupported,       // a feature this HDF5 library cannot handle
    LinkLoop,          // soft/external links that point at each other
    DanglingLink,      // link target does not exist
    InvalidArgument,   // bad path or selection text from the user
    Cancelled,
    Internal,
};

// An error is a value: a message a scientist understands, and the raw HDF5 detail
// for a "Details..." button. Never thrown across the core boundary.
struct HYPERSLABCORE_EXPORT Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message; // one or two plain sentences, no HDF5 jargon
    QString detail;  // the HDF5 error stack, one frame per line (may be empty)

    static Error make(ErrorCode code, QString message, QString detail = {})
    {
        return Error{code, std::move(message), std::move(detail)};
    }
};

template<typename T>
class Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// For operations that only succeed or fail.
struct Ok {};
using Status = Result<Ok>;

} // namespace hs::core

Q_DECLARE_METATYPE(hs::core::Error)
