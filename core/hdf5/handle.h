#pragma once

// Internal header: RAII owners for HDF5 identifiers. Only code inside core/
// includes this (it needs <hdf5.h>); public headers never expose hid_t.

#include "hdf5/librarylock.h"

#include <hdf5.h>

#include <utility>

namespace hs::core {

template<herr_t (*Close)(hid_t)>
class Handle
{
public:
    Handle() = default;
    explicit Handle(hid_t id) : m_id(id) {}
    ~Handle() { reset(); }

    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    Handle(Handle &&o) noexcept : m_id(std::exchange(o.m_id, H5I_INVALID_HID)) {}
    Handle &operator=(Handle &&o) noexcept
    {
        if (this != &o) {
            reset();
            m_id = std::exchange(o.m_id, H5I_INVALID_HID);
        }
        return *this;
    }

    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }
    explicit operator bool() const { return valid(); }
    hid_t release() { return std::exchange(m_id, H5I_INVALID_HID); }

    void reset(hid_t id = H5I_INVALID_HID)
    {
        if (m_id >= 0) {
            LibraryLock lock;
            Close(m_id);
        }
        m_id = id;
    }

private:
    hid_t m_id = H5I_INVALID_HID;
};

using FileHandle = Handle<H5Fclose>;
using GroupHandle = Handle<H5Gclose>;
using DatasetHandle = Handle<H5Dclose>;
using DatatypeHandle = Handle<H5Tclose>;
using DataspaceHandle = Handle<H5Sclose>;
using AttributeHandle = Handle<H5Aclose>;
using PropListHandle = Handle<H5Pclose>;
using ObjectHandle = Handle<H5Oclose>;

} // namespace hs::core
