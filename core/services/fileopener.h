#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"

#include <QObject>

namespace hs::core {

// Opens files on a worker thread so a slow disk, a network share or a damaged
// file never freezes the window. Results arrive on this object's thread.
class HYPERSLABCORE_EXPORT FileOpener : public QObject
{
    Q_OBJECT
public:
    explicit FileOpener(QObject *parent = nullptr);

    // `objectPath` is handed back unchanged with the result (to select it).
    void open(const QString &path, const QString &objectPath = {}, H5File::Mode mode = H5File::Mode::ReadOnly);
    int pendingCount() const { return m_pending; }

Q_SIGNALS:
    void opened(const hs::core::H5FilePtr &file, const QString &objectPath);
    void failed(const QString &path, const hs::core::Error &error);

private:
    int m_pending = 0;
};

} // namespace hs::core
